// The rows of the tenant test schema, for two tenants sharing every table. Built in code so tests derive
// their expectations from the same data (counts, names) instead of hard-coding them. Globex's data is
// marked so a leak is visible in any returned value: text starts with "globex", ids and amounts are
// >= 10^12 (acme's stay below 10^5, even summed), dates lie in 2098 (acme's in 2024).
import { TENANTS } from '../helpers/start-proxy.js';

export type TenantName = keyof typeof TENANTS;

export type SeedCustomer = { id: string; tenant: TenantName; name: string; email: string; country: string; tier: string; createdAt: string };
export type SeedOrder = { id: string; tenant: TenantName; customerId: string; status: string; currency: string; total: string; note: string | null; orderedAt: string };
export type SeedLine = { id: string; tenant: TenantName; orderId: string; sku: string; qty: number; unitPrice: string };
export type SeedInvoice = { id: string; tenant: TenantName; orderId: string; number: string; amount: string; issuedOn: string };
export type SeedEvent = { id: string; tenant: TenantName; kind: string; payload: Record<string, unknown>; occurredAt: string };

export const COUNTRIES = ['DE', 'FR', 'US'] as const;
export const TIERS = ['free', 'pro', 'enterprise'] as const;
export const STATUSES = ['new', 'paid', 'shipped', 'cancelled'] as const;
export const CURRENCIES = [
  { code: 'EUR', name: 'Euro' },
  { code: 'USD', name: 'US Dollar' },
  { code: 'GBP', name: 'Pound Sterling' },
] as const;
export const SKUS = ['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4'] as const;
export const EVENT_KINDS = ['login', 'order', 'note'] as const;
export const SETTINGS = [
  { key: 'support_email', value: 'help@pgfabric.example' },
  { key: 'max_upload_mb', value: '25' },
  { key: 'default_currency', value: 'EUR' },
  { key: 'maintenance', value: 'off' },
] as const;

/** Identity columns start here, so rows inserted by tests never collide with seeded acme ids. */
export const IDENTITY_START = 1000;

type Profile = { prefix: string; idBase: number; moneyBase: number; year: number; customers: number; orders: number; events: number; rotate: number };
const PROFILES: Record<TenantName, Profile> = {
  acme: { prefix: 'acme', idBase: 0, moneyBase: 0, year: 2024, customers: 6, orders: 10, events: 9, rotate: 0 },
  globex: { prefix: 'globex', idBase: 7_000_000_000_000, moneyBase: 5_000_000_000_000, year: 2098, customers: 5, orders: 8, events: 7, rotate: 2 },
};

const pad = (n: number) => String(n).padStart(2, '0');
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

function tenantRows(tenant: TenantName) {
  const p = PROFILES[tenant];
  const id = (n: number) => String(p.idBase + n);
  const money = (x: number) => (p.moneyBase + x).toFixed(2);
  const customers: SeedCustomer[] = [];
  for (let i = 1; i <= p.customers; i++) {
    customers.push({
      id: id(i), tenant, name: `${p.prefix}-Customer ${i}`, email: `c${i}@${p.prefix}.example`,
      country: pick(COUNTRIES, i + p.rotate), tier: pick(TIERS, i + p.rotate), createdAt: `${p.year}-01-${pad(i)}T10:00:00.000Z`,
    });
  }
  // The last customer of each tenant has no orders (for outer joins).
  const withOrders = p.customers - 1;
  const orders: SeedOrder[] = [];
  const lines: SeedLine[] = [];
  const invoices: SeedInvoice[] = [];
  let lineNo = 0;
  for (let i = 1; i <= p.orders; i++) {
    const status = pick(STATUSES, i + p.rotate);
    const lineCount = (i % 3) + 1;
    let total = 0;
    for (let j = 1; j <= lineCount; j++) {
      lineNo++;
      const qty = j + (i % 2);
      const unit = 2.5 * (i + j);
      total += qty * unit;
      lines.push({ id: id(lineNo), tenant, orderId: id(i), sku: pick(SKUS, i + j), qty, unitPrice: money(unit) });
    }
    orders.push({
      id: id(i), tenant, customerId: id(((i - 1) % withOrders) + 1), status, currency: pick(CURRENCIES, i).code,
      total: money(total), note: i % 3 === 0 ? null : `${p.prefix}-note ${i}`, orderedAt: `${p.year}-02-${pad(i)}T12:30:00.000Z`,
    });
    if (status === 'paid' || status === 'shipped') {
      invoices.push({ id: id(invoices.length + 1), tenant, orderId: id(i), number: `${p.prefix.toUpperCase()}-INV-${pad(i)}`, amount: money(total), issuedOn: `${p.year}-03-${pad(i)}` });
    }
  }
  const events: SeedEvent[] = [];
  for (let i = 1; i <= p.events; i++) {
    events.push({ id: id(i), tenant, kind: pick(EVENT_KINDS, i), payload: { by: `${p.prefix}-user ${i}`, n: i }, occurredAt: `${p.year}-04-${pad(i)}T08:00:00.000Z` });
  }
  return { customers, orders, lines, invoices, events };
}

function buildSeed() {
  const acme = tenantRows('acme');
  const globex = tenantRows('globex');
  return {
    customers: [...acme.customers, ...globex.customers],
    orders: [...acme.orders, ...globex.orders],
    lines: [...acme.lines, ...globex.lines],
    invoices: [...acme.invoices, ...globex.invoices],
    events: [...acme.events, ...globex.events],
  };
}

export const SEED = buildSeed();
export type Seed = typeof SEED;

/** The seeded rows of one tenant, e.g. `of('acme', SEED.orders)`. */
export function of<T extends { tenant: TenantName }>(tenant: TenantName, rows: readonly T[]): T[] {
  return rows.filter((r) => r.tenant === tenant);
}

const lit = (v: string | number | null): string => (v === null ? 'null' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);
const values = (rows: (string | number | null)[][]): string => rows.map((r) => `(${r.map(lit).join(', ')})`).join(',\n  ');

/** INSERT statements for every seeded row (shared tables included), in foreign-key order. */
export function seedSql(): string {
  const t = (tenant: TenantName) => TENANTS[tenant];
  return [
    `insert into config.currencies (code, name) values ${values(CURRENCIES.map((c) => [c.code, c.name]))};`,
    `insert into config.settings (key, value) values ${values(SETTINGS.map((s) => [s.key, s.value]))};`,
    `insert into app.customers (id, tenant_id, name, email, country, tier, created_at) values
  ${values(SEED.customers.map((c) => [c.id, t(c.tenant), c.name, c.email, c.country, c.tier, c.createdAt]))};`,
    `insert into app.orders (id, tenant_id, customer_id, status, currency, total, note, ordered_at) values
  ${values(SEED.orders.map((o) => [o.id, t(o.tenant), o.customerId, o.status, o.currency, o.total, o.note, o.orderedAt]))};`,
    `insert into app.order_lines (id, tenant_id, order_id, sku, qty, unit_price) values
  ${values(SEED.lines.map((l) => [l.id, t(l.tenant), l.orderId, l.sku, l.qty, l.unitPrice]))};`,
    `insert into app.invoices (id, tenant_id, order_id, number, amount, issued_on) values
  ${values(SEED.invoices.map((i) => [i.id, t(i.tenant), i.orderId, i.number, i.amount, i.issuedOn]))};`,
    `insert into app.events (id, tenant_id, kind, payload, occurred_at) values
  ${values(SEED.events.map((e) => [e.id, t(e.tenant), e.kind, JSON.stringify(e.payload), e.occurredAt]))};`,
  ].join('\n');
}
