// One configuration problem and how problems become output lines. Every problem is a single line
// `path: message` (or `line N: message` when no config path exists yet: syntax errors, unset
// environment variables), and problems are listed in the order their paths appear in the file.
export type PathSegment = string | number;

export type ConfigProblem =
  | { path: readonly PathSegment[]; message: string }
  | { line: number; column?: number; message: string };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `tenants.acme.backend`, `users[1].role`, `roles.auditor.schemas["*"]`; the root is `(root)`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}

function problemLine(problem: ConfigProblem): string {
  if ('line' in problem) {
    const where = problem.column === undefined ? `line ${problem.line}` : `line ${problem.line}, column ${problem.column}`;
    return `${where}: ${problem.message}`;
  }
  return `${formatPath(problem.path)}: ${problem.message}`;
}

/** Pre-order walk of the parsed document: the index of a path is its place of appearance in the file. */
function appearanceOrder(document: unknown): Map<string, number> {
  const order = new Map<string, number>();
  const visit = (value: unknown, path: PathSegment[]): void => {
    order.set(formatPath(path), order.size);
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(document, []);
  return order;
}

/** A missing key sorts where its nearest existing parent appears. */
function rankOf(problem: ConfigProblem, order: Map<string, number>): number {
  if ('line' in problem) return problem.line;
  for (let length = problem.path.length; length >= 0; length--) {
    const rank = order.get(formatPath(problem.path.slice(0, length)));
    if (rank !== undefined) return rank;
  }
  return 0;
}

export function formatConfigProblems(problems: readonly ConfigProblem[], document: unknown): string[] {
  const order = appearanceOrder(document);
  const ranked = problems.map((problem, index) => ({ line: problemLine(problem), rank: rankOf(problem, order), index }));
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return [...new Set(ranked.map((entry) => entry.line))];
}
