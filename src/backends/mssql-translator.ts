// The Postgres → T-SQL compiler the SQL Server connectors use (rewrite/dialect/tsql). Assigning it to the
// connector's MssqlTranslator type here is what proves the compiler's plan shapes and the connector's agree.
import type { MssqlTranslator } from '../../connectors/mssql/mssql-plan.js';
import { translateToTsql } from '../../rewrite/dialect/tsql/index.js';

export const mssqlTranslator: MssqlTranslator = translateToTsql;
