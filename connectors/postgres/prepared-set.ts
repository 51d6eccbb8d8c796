// The shared statements prepared on one server connection, in least-recently-used order, capped like
// PgBouncer's max_prepared_statements: past the cap the oldest is closed on the server, so a client
// that prepares endless distinct statements cannot grow a backend's memory without bound.
export class PreparedSet {
  private readonly names = new Map<string, true>();

  constructor(readonly capacity: number) {}

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** Marks a statement as just used; a no-op when absent. */
  touch(name: string): void {
    if (this.names.size > 1 && this.names.delete(name)) this.names.set(name, true);
  }

  /** Records a statement as prepared; returns the name to close on the server when over capacity. */
  add(name: string): string | null {
    this.names.set(name, true);
    if (this.names.size <= this.capacity) return null;
    const oldest = this.names.keys().next().value as string;
    this.names.delete(oldest);
    return oldest;
  }

  /** Puts back a statement whose Close the server skipped (it is still prepared there). */
  restore(name: string): void {
    this.names.set(name, true);
  }

  delete(name: string): void {
    this.names.delete(name);
  }

  clear(): void {
    this.names.clear();
  }

  get size(): number {
    return this.names.size;
  }
}
