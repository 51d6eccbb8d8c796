// Entry points for reading a configuration: a file (format from its extension) or a text.
// The pipeline is parse → ${ENV} substitution → schema + cross-reference checks → resolve; each
// stage's problems are returned as sorted one-line strings, and a later stage runs only when the
// earlier ones found nothing (an unset variable would otherwise surface as misleading errors).
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { checkCrossReferences } from './check-cross-references.js';
import { formatConfigProblems, type ConfigProblem } from './config-problem.js';
import { configSchema } from './config-schema.js';
import { substituteEnv } from './env-substitution.js';
import { parseDocumentText, type ConfigFormat } from './parse-document.js';
import { resolveConfig } from './resolve-config.js';
import type { ResolvedConfig } from './resolved-config.js';
import { zodIssueProblems } from './zod-issue-problems.js';

export type ConfigResult = { ok: true; config: ResolvedConfig } | { ok: false; problems: string[] };
export type ParseConfigOptions = { env?: NodeJS.ProcessEnv; baseDir: string; sourcePath?: string };

const FORMATS: Record<string, ConfigFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

function failure(problems: readonly ConfigProblem[], document: unknown): ConfigResult {
  return { ok: false, problems: formatConfigProblems(problems, document) };
}

function validate(source: string, format: ConfigFormat, options: ParseConfigOptions): ConfigResult {
  const text = source.replace(/^\uFEFF/, ''); // editors on Windows save a BOM that JSON.parse rejects
  const parsed = parseDocumentText(text, format);
  if (!parsed.ok) return failure(parsed.problems, undefined);
  if (parsed.value === null || parsed.value === undefined) return failure([{ path: [], message: 'the file is empty' }], undefined);
  const substituted = substituteEnv(parsed.value, text, options.env ?? process.env);
  const document = substituted.value;
  if (substituted.problems.length > 0) return failure(substituted.problems, document);
  const schema = configSchema.safeParse(document, { reportInput: true });
  const problems = [...(schema.success ? [] : zodIssueProblems(schema.error.issues)), ...checkCrossReferences(document)];
  if (!schema.success || problems.length > 0) return failure(problems, document);
  const resolved = resolveConfig(schema.data, options);
  return resolved.ok ? resolved : failure(resolved.problems, document);
}

export function parseConfigText(text: string, format: ConfigFormat, options: ParseConfigOptions): ConfigResult {
  try {
    return validate(text, format, options);
  } catch (error) {
    // A bug must still come out as one line, not a stack trace in the middle of `pgfabric check`.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [`(root): internal error while loading the config: ${message.split('\n', 1)[0] ?? ''}`] };
  }
}

export async function loadConfigFile(path: string, env?: NodeJS.ProcessEnv): Promise<ConfigResult> {
  const sourcePath = resolve(path);
  const extension = extname(path).toLowerCase();
  const format = FORMATS[extension];
  if (format === undefined) {
    return { ok: false, problems: [`${path}: unsupported file extension "${extension}" (use .yaml, .yml or .json)`] };
  }
  let text: string;
  try {
    text = await readFile(sourcePath, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    return { ok: false, problems: [code === 'ENOENT' ? `${path}: file not found` : `${path}: cannot read (${code})`] };
  }
  const options: ParseConfigOptions = { baseDir: dirname(sourcePath), sourcePath };
  if (env !== undefined) options.env = env;
  return parseConfigText(text, format, options);
}
