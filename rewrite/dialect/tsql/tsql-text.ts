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
