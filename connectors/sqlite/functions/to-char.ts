import type Database from 'better-sqlite3';

export function registerToChar(db: Database.Database): void {
  void db;
}
