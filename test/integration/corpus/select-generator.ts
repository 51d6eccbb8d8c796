// Random SELECTs over the tenant test schema, each produced twice: `proxy` as a client would write it
// (no tenant filter) and `direct`, the same query with acme's filter written in by hand — on every
// tenant-scoped relation reference, in FROM, joins, subqueries, CTEs and set-operation branches. Either
// as a derived table `(SELECT * FROM t WHERE tenant_id = '…') alias`, or as a predicate in WHERE (inner
// joins) or ON (the nullable side of a LEFT JOIN). ORDER BY covers every output column, so results are
// deterministic. Seeded PRNG: the same seed always gives the same queries.
import { COUNTRIES, CURRENCIES, EVENT_KINDS, SKUS, STATUSES, TIERS } from '../tenant-seed.js';

type Kind = 'id' | 'int' | 'num' | 'text' | 'free' | 'ts' | 'date';
type Col = { readonly name: string; readonly kind: Kind; readonly values?: readonly string[]; readonly nullable?: boolean };
type Rel = { readonly key: string; readonly sql: string; readonly tenant: boolean; readonly cols: readonly Col[] };

const codes = CURRENCIES.map((c) => c.code);
const RELS: readonly Rel[] = [
  { key: 'customers', sql: 'app.customers', tenant: true, cols: [{ name: 'id', kind: 'id' }, { name: 'name', kind: 'free' }, { name: 'email', kind: 'free' }, { name: 'country', kind: 'text', values: COUNTRIES }, { name: 'tier', kind: 'text', values: TIERS }, { name: 'created_at', kind: 'ts' }] },
  { key: 'orders', sql: 'app.orders', tenant: true, cols: [{ name: 'id', kind: 'id' }, { name: 'customer_id', kind: 'id' }, { name: 'status', kind: 'text', values: STATUSES }, { name: 'currency', kind: 'text', values: codes }, { name: 'total', kind: 'num' }, { name: 'note', kind: 'free', nullable: true }, { name: 'ordered_at', kind: 'ts' }] },
  { key: 'order_lines', sql: 'app.order_lines', tenant: true, cols: [{ name: 'id', kind: 'id' }, { name: 'order_id', kind: 'id' }, { name: 'sku', kind: 'text', values: SKUS }, { name: 'qty', kind: 'int' }, { name: 'unit_price', kind: 'num' }] },
  { key: 'invoices', sql: 'app.invoices', tenant: true, cols: [{ name: 'id', kind: 'id' }, { name: 'order_id', kind: 'id' }, { name: 'number', kind: 'free' }, { name: 'amount', kind: 'num' }, { name: 'issued_on', kind: 'date' }] },
  { key: 'events', sql: 'app.events', tenant: true, cols: [{ name: 'id', kind: 'id' }, { name: 'kind', kind: 'text', values: EVENT_KINDS }, { name: 'occurred_at', kind: 'ts' }] },
  { key: 'customer_orders', sql: 'app.customer_orders', tenant: true, cols: [{ name: 'order_id', kind: 'id' }, { name: 'customer_id', kind: 'id' }, { name: 'customer_name', kind: 'free' }, { name: 'status', kind: 'text', values: STATUSES }, { name: 'total', kind: 'num' }, { name: 'ordered_at', kind: 'ts' }] },
  { key: 'currencies', sql: 'config.currencies', tenant: false, cols: [{ name: 'code', kind: 'text', values: codes }, { name: 'name', kind: 'free' }] },
  { key: 'settings', sql: 'config.settings', tenant: false, cols: [{ name: 'key', kind: 'free' }, { name: 'value', kind: 'free' }] },
];

/** Join conditions between relations; the non-key ones (country, status, sku) match across tenants. */
const EDGES: readonly (readonly [string, string, string, string])[] = [
  ['orders', 'customer_id', 'customers', 'id'],
  ['order_lines', 'order_id', 'orders', 'id'],
  ['invoices', 'order_id', 'orders', 'id'],
  ['orders', 'currency', 'currencies', 'code'],
  ['customer_orders', 'order_id', 'orders', 'id'],
  ['customer_orders', 'customer_id', 'customers', 'id'],
  ['customers', 'country', 'customers', 'country'],
  ['orders', 'status', 'customer_orders', 'status'],
  ['order_lines', 'sku', 'order_lines', 'sku'],
];

export type GeneratedQuery = { readonly proxy: string; readonly direct: string; readonly params: readonly unknown[]; readonly shape: string };

/** mulberry32: small, fast, and the same sequence on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Alias = { readonly name: string; readonly rel: Rel };
type Placement = 'derived' | 'predicate';

class Builder {
  readonly params: unknown[] = [];
  private aliasCount = 0;
  constructor(readonly rnd: () => number, readonly tenantId: string, readonly useParams: boolean) {}

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rnd() * list.length)] as T;
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  alias(rel: Rel): Alias {
    return { name: `${rel.key.slice(0, 2)}${++this.aliasCount}`, rel };
  }
  /** A literal, or a `$n` parameter carrying it (the same in both texts). */
  value(v: string | number, sqlType: string): string {
    if (!this.useParams) return typeof v === 'number' ? String(v) : `'${v}'::${sqlType}`;
    this.params.push(v);
    return `$${this.params.length}::${sqlType}`;
  }
  tenantPredicate(a: Alias): string {
    return `${a.name}.tenant_id = '${this.tenantId}'`;
  }
  /** The relation as written by the client, and as written with the filter inside a derived table. */
  ref(a: Alias, placement: Placement): { p: string; d: string } {
    const p = `${a.rel.sql} ${a.name}`;
    if (!a.rel.tenant || placement === 'predicate') return { p, d: p };
    return { p, d: `(SELECT * FROM ${a.rel.sql} WHERE tenant_id = '${this.tenantId}') ${a.name}` };
  }
}

/** A predicate on a non-tenant column of `a`. */
function columnPredicate(b: Builder, a: Alias): string {
  const col = b.pick(a.rel.cols);
  const c = `${a.name}.${col.name}`;
  switch (col.kind) {
    case 'text':
      return b.chance(0.5) ? `${c} = ${b.value(b.pick(col.values ?? ['x']), 'text')}` : `${c} IN (${b.value(b.pick(col.values ?? ['x']), 'text')}, ${b.value(b.pick(col.values ?? ['y']), 'text')})`;
    case 'free':
      return col.nullable && b.chance(0.4) ? `${c} IS ${b.chance(0.5) ? '' : 'NOT '}NULL` : `${c} LIKE ${b.value(`%${b.int(1, 6)}%`, 'text')}`;
    case 'id':
      return b.chance(0.7) ? `${c} > ${b.value(b.int(0, 8), 'bigint')}` : `${c} IN (${b.value(b.int(1, 6), 'bigint')}, ${b.value(b.int(1, 12), 'bigint')})`;
    case 'int':
      return `${c} >= ${b.value(b.int(1, 4), 'int')}`;
    case 'num':
      return b.chance(0.7) ? `${c} > ${b.value(b.int(0, 80), 'numeric')}` : `${c} BETWEEN ${b.value(b.int(0, 30), 'numeric')} AND ${b.value(b.int(30, 120), 'numeric')}`;
    case 'ts':
      return `${c} ${b.pick(['>=', '>=', '<'])} ${b.value(`2024-0${b.int(1, 4)}-0${b.int(1, 9)}T00:00:00Z`, 'timestamptz')}`;
    case 'date':
      return `${c} ${b.pick(['>=', '>=', '<'])} ${b.value(`2024-03-0${b.int(1, 9)}`, 'date')}`;
  }
}

/** A column or a simple expression over it, for select lists. */
function outputExpr(b: Builder, a: Alias): string {
  const col = b.pick(a.rel.cols);
  const c = `${a.name}.${col.name}`;
  if (!b.chance(0.25)) return c;
  if (col.kind === 'free' || col.kind === 'text') return b.chance(0.5) ? `upper(${c})` : `coalesce(${c}, '-')`;
  if (col.kind === 'num') return `round(${c})`;
  if (col.kind === 'ts') return `date_trunc('month', ${c})`;
  return `${c}::text`;
}

type From = { p: string; d: string; aliases: Alias[]; pWhere: string[]; dWhere: string[] };

/** FROM with 0-2 joins along EDGES; tenant filters placed as derived tables or predicates. */
function genFrom(b: Builder, joins: number, forceDerived = false): From {
  const joinTypes = Array.from({ length: joins }, () => b.pick(['JOIN', 'JOIN', 'LEFT JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN']));
  const placement: Placement = forceDerived || joinTypes.some((j) => j === 'RIGHT JOIN' || j === 'FULL JOIN') || b.chance(0.5) ? 'derived' : 'predicate';
  // Mostly tenant-scoped relations first; shared ones alone or as join partners.
  const first = b.alias(b.pick(RELS.filter((r) => r.tenant || (joins === 0 && b.chance(0.5)))));
  const base = b.ref(first, placement);
  const from: From = { p: base.p, d: base.d, aliases: [first], pWhere: [], dWhere: [] };
  if (placement === 'predicate' && first.rel.tenant) from.dWhere.push(b.tenantPredicate(first));
  for (const type of joinTypes) {
    const options = EDGES.flatMap(([l, lc, r, rc]) =>
      from.aliases.flatMap((a) => [
        ...(a.rel.key === l ? [{ a, ac: lc, other: r, oc: rc }] : []),
        ...(a.rel.key === r ? [{ a, ac: rc, other: l, oc: lc }] : []),
      ]),
    );
    if (options.length === 0) break;
    const e = b.pick(options);
    const next = b.alias(RELS.find((r) => r.key === e.other) as Rel);
    const ref = b.ref(next, placement);
    const on = `${next.name}.${e.oc} = ${e.a.name}.${e.ac}`;
    const onD = placement === 'predicate' && next.rel.tenant && type === 'LEFT JOIN' ? `${on} AND ${b.tenantPredicate(next)}` : on;
    if (placement === 'predicate' && next.rel.tenant && type === 'JOIN') from.dWhere.push(b.tenantPredicate(next));
    from.p += ` ${type} ${ref.p} ON ${on}`;
    from.d += ` ${type} ${ref.d} ON ${onD}`;
    from.aliases.push(next);
  }
  return from;
}

/** IN / EXISTS / NOT EXISTS over a related relation, with its own tenant filter in `direct`. */
function subqueryPredicate(b: Builder, outer: Alias): { p: string; d: string } | undefined {
  const edges = EDGES.filter(([l, , r]) => l === outer.rel.key || r === outer.rel.key);
  if (edges.length === 0) return undefined;
  const [l, lc, r, rc] = b.pick(edges);
  const [oc, other, ic] = l === outer.rel.key ? [lc, r, rc] : [rc, l, lc];
  const inner = b.alias(RELS.find((x) => x.key === other) as Rel);
  const placement: Placement = b.chance(0.5) ? 'derived' : 'predicate';
  const ref = b.ref(inner, placement);
  const extra = b.chance(0.5) ? [columnPredicate(b, inner)] : [];
  const tenant = placement === 'predicate' && inner.rel.tenant ? [b.tenantPredicate(inner)] : [];
  const where = (conds: string[]) => (conds.length > 0 ? ` WHERE ${conds.join(' AND ')}` : '');
  if (b.chance(0.4)) {
    const sub = (from: string, conds: string[]) => `${outer.name}.${oc} IN (SELECT ${inner.name}.${ic} FROM ${from}${where(conds)})`;
    return { p: sub(ref.p, extra), d: sub(ref.d, [...extra, ...tenant]) };
  }
  const not = b.chance(0.3) ? 'NOT ' : '';
  const corr = `${inner.name}.${ic} = ${outer.name}.${oc}`;
  const sub = (from: string, conds: string[]) => `${not}EXISTS (SELECT 1 FROM ${from}${where([corr, ...conds])})`;
  return { p: sub(ref.p, extra), d: sub(ref.d, [...extra, ...tenant]) };
}

/** A correlated scalar count in the select list. */
function scalarSubquery(b: Builder, outer: Alias): { p: string; d: string } | undefined {
  const mark = b.params.length;
  const sub = subqueryPredicate(b, outer);
  if (!sub || !sub.p.includes('EXISTS (SELECT 1')) {
    b.params.length = mark; // the discarded subquery's parameters must not be bound
    return undefined;
  }
  const toCount = (s: string) => `(${s.replace(/^(NOT )?EXISTS \(SELECT 1/, 'SELECT count(*)')}`;
  return { p: toCount(sub.p), d: toCount(sub.d) };
}

const whereOf = (conds: string[]) => (conds.length > 0 ? ` WHERE ${conds.join(' AND ')}` : '');
const ordinals = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(', ');

/** SELECT list, FROM, WHERE (plain shape, no ORDER BY), plus the number of output columns. */
function genCore(b: Builder, aggregate: boolean): { p: string; d: string; width: number } {
  const from = genFrom(b, b.int(0, 2));
  const p = [...from.pWhere];
  const d = [...from.dWhere];
  for (let i = b.int(0, 2); i > 0; i--) {
    const pred = columnPredicate(b, b.pick(from.aliases));
    p.push(pred);
    d.push(pred);
  }
  if (b.chance(0.3)) {
    const sub = subqueryPredicate(b, b.pick(from.aliases));
    if (sub) {
      p.push(sub.p);
      d.push(sub.d);
    }
  }
  const outs: { p: string; d: string }[] = [];
  const groups = aggregate ? b.int(1, 2) : b.int(1, 4);
  for (let i = 0; i < groups; i++) {
    const e = outputExpr(b, b.pick(from.aliases));
    outs.push({ p: e, d: e });
  }
  if (!aggregate && b.chance(0.2)) {
    const s = scalarSubquery(b, b.pick(from.aliases));
    if (s) outs.push(s);
  }
  if (aggregate) {
    outs.push({ p: 'count(*)', d: 'count(*)' });
    const nums = from.aliases.flatMap((a) => a.rel.cols.filter((c) => c.kind === 'num' || c.kind === 'int').map((c) => `${a.name}.${c.name}`));
    const any = from.aliases.flatMap((a) => a.rel.cols.map((c) => `${a.name}.${c.name}`));
    if (nums.length > 0 && b.chance(0.7)) {
      const e = `${b.pick(['sum', 'avg', 'min', 'max'])}(${b.pick(nums)})`;
      outs.push({ p: e, d: e });
    }
    if (b.chance(0.5)) {
      const col = b.pick(any);
      const e = b.pick([`min(${col})`, `max(${col})`, `count(DISTINCT ${col})`]);
      outs.push({ p: e, d: e });
    }
  }
  const list = (side: 'p' | 'd') => outs.map((o, i) => `${o[side]} AS c${i + 1}`).join(', ');
  const group = aggregate ? ` GROUP BY ${ordinals(groups)}${b.chance(0.3) ? ` HAVING count(*) >= ${b.value(b.int(1, 3), 'bigint')}` : ''}` : '';
  return { p: `SELECT ${list('p')} FROM ${from.p}${whereOf(p)}${group}`, d: `SELECT ${list('d')} FROM ${from.d}${whereOf(d)}${group}`, width: outs.length };
}

function genSetOperation(b: Builder): { p: string; d: string } {
  const branch = () => {
    const rel = b.pick(RELS);
    const a = b.alias(rel);
    const col = b.pick(rel.cols.filter((c) => c.kind === 'text' || c.kind === 'free'));
    const placement: Placement = b.chance(0.5) ? 'derived' : 'predicate';
    const ref = b.ref(a, placement);
    const extra = b.chance(0.5) ? [columnPredicate(b, a)] : [];
    const tenant = placement === 'predicate' && rel.tenant ? [b.tenantPredicate(a)] : [];
    return { p: `SELECT ${a.name}.${col.name} FROM ${ref.p}${whereOf(extra)}`, d: `SELECT ${a.name}.${col.name} FROM ${ref.d}${whereOf([...extra, ...tenant])}` };
  };
  const left = branch();
  const right = branch();
  const op = b.pick(['UNION', 'UNION ALL', 'INTERSECT', 'EXCEPT']);
  return { p: `${left.p} ${op} ${right.p} ORDER BY 1`, d: `${left.d} ${op} ${right.d} ORDER BY 1` };
}

/** One random query; `tenantId` is written into `direct` only. */
export function generateSelect(rnd: () => number, tenantId: string): GeneratedQuery {
  const b = new Builder(rnd, tenantId, rnd() < 0.35);
  const shape = b.pick(['plain', 'plain', 'aggregate', 'aggregate', 'setop', 'cte']);
  let p: string;
  let d: string;
  if (shape === 'setop') ({ p, d } = genSetOperation(b));
  else {
    const core = genCore(b, shape === 'aggregate');
    const order = ` ORDER BY ${ordinals(core.width)}`;
    const limit = b.chance(0.25) ? ` LIMIT ${b.value(b.int(1, 8), 'bigint')}` : '';
    if (shape === 'cte') {
      p = `WITH q AS (${core.p}) SELECT * FROM q${order}${limit}`;
      d = `WITH q AS (${core.d}) SELECT * FROM q${order}${limit}`;
    } else {
      p = core.p + order + limit;
      d = core.d + order + limit;
    }
  }
  return { proxy: p, direct: d, params: b.params, shape: b.params.length > 0 ? `${shape}, $n parameters` : shape };
}
