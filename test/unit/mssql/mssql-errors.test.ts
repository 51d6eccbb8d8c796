// SQL Server error numbers → SQLSTATE (the brief's table), on errors built the way the mssql package builds
// them (its own RequestError class over tedious's error info), and the package's own error codes.
import mssql from 'mssql';
import { describe, expect, it } from 'vitest';
import { MSSQL_ERRORS, mssqlFailure } from '../../../connectors/mssql/mssql-errors.js';

/** A RequestError as mssql makes one from a server error message (tedious's `info`). */
function serverError(number: number, message: string): Error {
  const err = Object.assign(new Error(message), { info: { number, message, state: 1, class: 16, serverName: 'sql', procName: '', lineNumber: 1 } });
  return new mssql.RequestError(err, 'EREQUEST');
}

const BRIEF: [number, string, string][] = [
  [2627, "Violation of PRIMARY KEY constraint 'PK__t__3213E83F'. Cannot insert duplicate key in object 'dbo.t'. The duplicate key value is (1).", '23505'],
  [2601, "Cannot insert duplicate key row in object 'dbo.t' with unique index 'ux_t_email'. The duplicate key value is (a@b.c).", '23505'],
  [515, "Cannot insert the value NULL into column 'name', table 'app.dbo.t'; column does not allow nulls. INSERT fails.", '23502'],
  [547, 'The INSERT statement conflicted with the FOREIGN KEY constraint "fk_child_parent". The conflict occurred in database "app", table "dbo.parent", column \'id\'.', '23503'],
  [547, 'The DELETE statement conflicted with the REFERENCE constraint "fk_child_parent". The conflict occurred in database "app", table "dbo.child", column \'parent_id\'.', '23503'],
  [547, 'The INSERT statement conflicted with the CHECK constraint "ck_qty". The conflict occurred in database "app", table "dbo.t", column \'qty\'.', '23514'],
  [1205, 'Transaction (Process ID 52) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.', '40P01'],
  [208, "Invalid object name 'nope'.", '42P01'],
  [207, "Invalid column name 'nope'.", '42703'],
  [102, "Incorrect syntax near 'FROM'.", '42601'],
  [8134, 'Divide by zero error encountered.', '22012'],
  [8115, 'Arithmetic overflow error converting expression to data type int.', '22003'],
  [220, 'Arithmetic overflow error for data type tinyint, value = 300.', '22003'],
  [232, 'Arithmetic overflow error for type int, value = 3000000000.', '22003'],
  [245, "Conversion failed when converting the nvarchar value 'abc' to data type int.", '22P02'],
  [8114, 'Error converting data type nvarchar to numeric.', '22P02'],
  [241, 'Conversion failed when converting date and/or time from character string.', '22007'],
  [8114, 'Error converting data type nvarchar to datetime2.', '22007'],
  [2628, "String or binary data would be truncated in table 'app.dbo.t', column 'code'. Truncated value: 'abcd'.", '22001'],
  [8152, 'String or binary data would be truncated.', '22001'],
  [1222, 'Lock request time out period exceeded.', '55P03'],
  [3902, 'The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.', '25P01'],
  [3903, 'The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.', '25P01'],
];

describe('SQL Server errors → SQLSTATE', () => {
  it.each(BRIEF)('%i: %s', (number, message, code) => {
    const f = mssqlFailure(serverError(number, message));
    expect(f.code).toBe(code);
    // The server's message is kept: it names the object.
    expect(f.message).toBe(message);
  });

  it('maps an unlisted number to XX000 with the server message', () => {
    expect(MSSQL_ERRORS.has(50000)).toBe(false);
    const f = mssqlFailure(serverError(50000, 'raised by the application'));
    expect([f.code, f.message]).toEqual(['XX000', 'raised by the application']);
  });

  it("reads the SQLSTATE the T-SQL compiler's own THROW 50000 carries ('42704: index … does not exist')", () => {
    const f = mssqlFailure(serverError(50000, '42704: index "orders_customer_idx" does not exist'));
    expect([f.code, f.message]).toEqual(['42704', 'index "orders_customer_idx" does not exist']);
  });

  it('maps the errors of T-SQL the compiler emits for Postgres semantics (MERGE twice on a row, FETCH 0, recursion)', () => {
    expect(mssqlFailure(serverError(8672, 'The MERGE statement attempted to UPDATE or DELETE the same row more than once.')).code).toBe('21000');
    expect(mssqlFailure(serverError(530, 'The statement terminated. The maximum recursion 100 has been exhausted before statement completion.')).code).toBe('54001');
  });

  it('adds a Postgres-like detail for duplicate keys and foreign keys', () => {
    expect(mssqlFailure(serverError(2627, BRIEF[0]![1])).extra.detail).toBe('Key value (1) already exists.');
    expect(mssqlFailure(serverError(547, BRIEF[3]![1])).extra.detail).toBe('Constraint "fk_child_parent" on table "dbo.parent", column "id".');
  });

  it('reports the first real error of a statement, not the "see previous errors" summary after it', () => {
    const first = serverError(2714, "There is already an object named 'pk_t' in the database.");
    const last = Object.assign(serverError(1750, 'Could not create constraint or index. See previous errors.'), { precedingErrors: [first] });
    const f = mssqlFailure(last);
    expect(f.code).toBe('42P07');
    expect(f.message).toMatch(/already an object named/);
  });

  it('maps the mssql package error codes', () => {
    expect(mssqlFailure(new mssql.RequestError('Canceled.', 'ECANCEL')).code).toBe('57014');
    expect(mssqlFailure(new mssql.ConnectionError('Connection lost - read ECONNRESET', 'ESOCKET')).code).toBe('08006');
    expect(mssqlFailure(new mssql.ConnectionError("Login failed for user 'sa'.", 'ELOGIN')).code).toBe('08001');
    // A connect that timed out is the backend being gone (class 08), not a cancelled statement.
    expect(mssqlFailure(new mssql.ConnectionError('Failed to connect to db:1433 in 15000ms', 'ETIMEOUT')).code).toBe('08006');
    expect(mssqlFailure(new mssql.RequestError('Timeout: Request failed to complete in 15000ms', 'ETIMEOUT')).code).toBe('57014');
    // The connection dropped under a running request: mssql wraps tedious's ConnectionError as `info`.
    const lost = Object.assign(new Error('Connection lost - read ECONNRESET'), { info: new mssql.ConnectionError('Connection lost - read ECONNRESET', 'ESOCKET') });
    expect(mssqlFailure(new mssql.RequestError(lost, 'EREQUEST')).code).toBe('08006');
    expect(mssqlFailure(new Error('something else')).code).toBe('XX000');
  });
});
