import type Database from 'better-sqlite3';

export function registerSequenceFunctions(db: Database.Database): void {
  void db;
}
