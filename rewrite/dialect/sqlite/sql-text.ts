// Quoting for the SQLite text the compiler emits.

export function ident(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

export function literal(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}

export function call(fn: string, ...args: string[]): string {
  return `${fn}(${args.join(', ')})`;
}
