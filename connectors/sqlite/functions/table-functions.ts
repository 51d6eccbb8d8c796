import type Database from 'better-sqlite3';

export function registerTableFunctions(db: Database.Database): void {
  void db;
}
