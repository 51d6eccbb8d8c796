// Turns zod issues into one-line config problems. zod's default wording ("Invalid input: expected
// string, received undefined") is written for developers; this says what a config author needs:
// the key is missing, the key is unknown (and which are allowed), which values are accepted.
import type { z } from 'zod';
import type { ConfigProblem, PathSegment } from './config-problem.js';

type Issue = z.core.$ZodIssue;

const KIND_NAMES: Record<string, string> = {
  object: 'a map',
  record: 'a map',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function quoteList(values: readonly unknown[]): string {
  return values.map((value) => String(value)).join(', ');
}

function pathOf(issue: Issue): PathSegment[] {
  return issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
}

function typeMessage(issue: Extract<Issue, { code: 'invalid_type' }>): string {
  if (issue.input === undefined) return 'required key is missing';
  const expected = KIND_NAMES[issue.expected] ?? issue.expected;
  return `expected ${expected}, got ${describeValue(issue.input)}`;
}

/** A discriminated union reports the parent object as input; the offending value is its `kind`. */
function unionMessage(issue: Extract<Issue, { code: 'invalid_union' }>): string {
  if (!('discriminator' in issue) || typeof issue.discriminator !== 'string') return 'matches none of the accepted forms';
  const options = 'options' in issue && Array.isArray(issue.options) ? quoteList(issue.options) : '';
  const parent = issue.input;
  const value = parent !== null && typeof parent === 'object' ? Reflect.get(parent, issue.discriminator) : undefined;
  if (value === undefined) return `required key is missing (one of ${options})`;
  return `expected one of ${options}, got ${describeValue(value)}`;
}

export function zodIssueProblems(issues: readonly Issue[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = pathOf(issue);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) problems.push({ path: [...path, key], message: issue.message });
        break;
      case 'invalid_type':
        problems.push({ path, message: typeMessage(issue) });
        break;
      case 'invalid_value':
        problems.push({ path, message: `expected one of ${quoteList(issue.values)}, got ${describeValue(issue.input)}` });
        break;
      case 'invalid_union':
        problems.push({ path, message: unionMessage(issue) });
        break;
      case 'invalid_key':
        problems.push({ path, message: issue.issues[0]?.message ?? issue.message });
        break;
      default:
        problems.push({ path, message: issue.message });
    }
  }
  return problems;
}
