// Runs the statements of one corpus case on a node-postgres client and records everything that came
// back: result sets (rows as arrays, so duplicate column names survive), COPY output, notices, and the
// first error. Shared by the adversarial and ORM corpora.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { NoticeMessage } from 'pg-protocol/dist/messages.js';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * A string runs as one simple-protocol Query (several statements allowed). An object runs with the
 * extended protocol when it has `values`, a `name` or `extended`; `copy` streams COPY … TO STDOUT /
 * FROM STDIN through pg-copy-streams.
 */
export type Step =
  | string
  | {
      readonly text: string;
      readonly values?: readonly unknown[];
      readonly name?: string;
      readonly extended?: boolean;
      readonly copy?: 'to' | 'from';
      /** COPY … FROM STDIN payload. */
      readonly data?: string;
    };

/** `types` are the columns' type OIDs (a rewrite must never change what a client sees described). */
export type ResultSet = { command: string; rowCount: number | null; fields: string[]; types: number[]; rows: unknown[][] };

export type PgError = Error & { code?: string; detail?: string; hint?: string; where?: string };

export type StepOutcome = { results: ResultSet[]; copied: string[]; notices: string[]; error?: PgError; failedStep?: number };

export const stepText = (step: Step): string => (typeof step === 'string' ? step : step.text);
export const stepValues = (step: Step): readonly unknown[] => (typeof step === 'string' ? [] : (step.values ?? []));

function toResultSet(r: pg.QueryResult<unknown[]>): ResultSet {
  const fields = r.fields ?? [];
  return { command: r.command, rowCount: r.rowCount, fields: fields.map((f) => f.name), types: fields.map((f) => f.dataTypeID), rows: r.rows };
}

async function runCopyTo(client: pg.Client, text: string): Promise<string> {
  const stream = client.query(copyTo(text));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function runCopyFrom(client: pg.Client, text: string, data: string): Promise<void> {
  await pipeline(Readable.from([Buffer.from(data)]), client.query(copyFrom(text)));
}

/** Runs one step; returns its result sets (several for a multi-statement Query) or its COPY output. */
export async function runStep(client: pg.Client, step: Step): Promise<{ results: ResultSet[]; copied?: string }> {
  if (typeof step === 'string') {
    const res = (await client.query({ text: step, rowMode: 'array' })) as unknown as pg.QueryResult<unknown[]> | pg.QueryResult<unknown[]>[];
    return { results: (Array.isArray(res) ? res : [res]).map(toResultSet) };
  }
  if (step.copy === 'to') return { results: [], copied: await runCopyTo(client, step.text) };
  if (step.copy === 'from') {
    await runCopyFrom(client, step.text, step.data ?? '');
    return { results: [] };
  }
  const config: pg.QueryConfig & { rowMode: 'array'; queryMode?: 'extended' } = { text: step.text, values: [...(step.values ?? [])], rowMode: 'array' };
  if (step.name) config.name = step.name;
  if (step.extended) config.queryMode = 'extended';
  return { results: [toResultSet(await client.query<unknown[]>(config))] };
}

/** Runs the steps in order on `client`, stopping at the first error (recorded, not thrown). */
export async function runSteps(client: pg.Client, steps: readonly Step[]): Promise<StepOutcome> {
  const outcome: StepOutcome = { results: [], copied: [], notices: [] };
  const onNotice = (n: NoticeMessage) => outcome.notices.push([n.message, n.detail, n.hint, n.where].filter(Boolean).join(' | '));
  client.on('notice', onNotice);
  try {
    for (const [i, step] of steps.entries()) {
      try {
        const r = await runStep(client, step);
        outcome.results.push(...r.results);
        if (r.copied !== undefined) outcome.copied.push(r.copied);
      } catch (err) {
        outcome.error = err as PgError;
        outcome.failedStep = i;
        break;
      }
    }
  } finally {
    client.off('notice', onNotice);
  }
  return outcome;
}

/** Everything an error says, for scanning (message, detail, hint, context). */
export function errorText(err: PgError | undefined): string {
  return err ? [err.message, err.detail, err.hint, err.where].filter(Boolean).join(' | ') : '';
}

/** True when the steps open a transaction block (so a failure leaves one to roll back). */
export function opensTransaction(steps: readonly Step[]): boolean {
  return steps.some((s) => /^\s*(begin|start\s+transaction)\b/i.test(stepText(s)) || /;\s*(begin|start\s+transaction)\b/i.test(stepText(s)));
}
