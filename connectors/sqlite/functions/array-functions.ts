import type Database from 'better-sqlite3';

export function registerArrayFunctions(db: Database.Database): void {
  void db;
}
