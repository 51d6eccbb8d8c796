// `${NAME}` substitution from the environment.
//
// Substitution happens in the parsed document's string values, not in the raw text: a value that
// contains quotes, `#`, `: ` or a newline (a generated password, say) can then never change the
// structure of the YAML or JSON around it. Numbers coming from the environment (`port: ${PORT}`)
// still work because the schema accepts digit strings for numeric keys. Map keys are not
// substituted. `$${` stands for a literal `${`. A variable that is not set is a problem that
// names the variable and the 1-based line of its first use in the file.
import type { ConfigProblem, PathSegment } from './config-problem.js';

export type EnvSubstitution = { value: unknown; problems: ConfigProblem[] };

// Alternatives, in order: the escape, a well-formed reference, anything else that starts like one.
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\{[^}\n]*\}?/g;

/** First line that uses `token` outside a full-line comment and not escaped as `$${`. */
function lineOf(sourceText: string, token: string): number | undefined {
  const lines = sourceText.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trimStart().startsWith('#')) continue;
    for (let at = line.indexOf(token); at !== -1; at = line.indexOf(token, at + 1)) {
      if (line[at - 1] !== '$') return index + 1;
    }
  }
  return undefined;
}

function located(sourceText: string, token: string, path: PathSegment[], message: string): ConfigProblem {
  const line = lineOf(sourceText, token);
  return line === undefined ? { path, message } : { line, message };
}

export function substituteEnv(document: unknown, sourceText: string, env: NodeJS.ProcessEnv = process.env): EnvSubstitution {
  const problems: ConfigProblem[] = [];
  const reported = new Set<string>();
  const report = (token: string, path: PathSegment[], message: string): void => {
    if (reported.has(token)) return;
    reported.add(token);
    problems.push(located(sourceText, token, path, message));
  };

  const substitute = (text: string, path: PathSegment[]): string =>
    text.replace(REFERENCE, (match: string, name: string | undefined) => {
      if (match === '$${') return '${';
      if (name === undefined) {
        report(match, path, `malformed reference ${JSON.stringify(match)} (write \${NAME}, or $\${ for a literal \${)`);
        return match;
      }
      const value = env[name];
      if (value === undefined) report(match, path, `environment variable ${name} is not set`);
      return value ?? '';
    });

  const walk = (value: unknown, path: PathSegment[]): unknown => {
    if (typeof value === 'string') return value.includes('${') ? substitute(value, path) : value;
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index]));
    if (value !== null && typeof value === 'object') {
      // fromEntries defines own properties, so a key named "__proto__" stays a plain key.
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return value;
  };

  return { value: walk(document, []), problems };
}
