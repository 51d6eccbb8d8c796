import type Database from 'better-sqlite3';

export function registerJsonFunctions(db: Database.Database): void {
  void db;
}
