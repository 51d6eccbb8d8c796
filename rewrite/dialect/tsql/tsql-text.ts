// Quoting for the T-SQL the compiler emits: [identifiers], N'unicode literals', @pN parameters.

export function ident(name: string): string {
  return '[' + name.replaceAll(']', ']]') + ']';
}

export function literal(value: string): string {
  return "N'" + value.replaceAll("'", "''") + "'";
}

export function param(n: number): string {
  return `@p${n}`;
}

export function call(fn: string, ...args: string[]): string {
  return `${fn}(${args.join(', ')})`;
}

/** Postgres's schema `public` is SQL Server's `dbo`; a table is always emitted schema-qualified. */
export function tableName(schema: string, name: string): string {
  return `${ident(schema === 'public' ? 'dbo' : schema)}.${ident(name)}`;
}

/**
 * A statement that writes an identity column (Postgres lets a serial column be given a value). IDENTITY_INSERT
 * belongs to the connection, which the pool hands to the next session: it is switched off even when the
 * statement fails (THROW re-raises the original error).
 */
export function withIdentityInsert(table: string, statement: string): string {
  const body = statement.replace(/;\s*$/, '');
  return `SET IDENTITY_INSERT ${table} ON; BEGIN TRY ${body}; END TRY BEGIN CATCH SET IDENTITY_INSERT ${table} OFF; THROW; END CATCH; SET IDENTITY_INSERT ${table} OFF`;
}
