// Owns the SQL that creates the demo schema and its sample rows, in PostgreSQL dialect: it runs through
// a pgfabric session on each demo tenant (compiled to SQLite by the dialect compiler). Idempotent: tables
// are created if missing and each insert is guarded by its table being empty, so a restart adds nothing.
// The tenant column is never written here: pgfabric fills it with the session tenant's id.
import type { DemoTenant } from './demo-tenants.js';

// SQLite tenants have one schema (public); the shared `settings` table has no tenant column.
export const demoTablesSql = `
create table if not exists invoices (
  id serial primary key,
  tenant_id uuid not null,
  customer text not null,
  amount numeric(12,2) not null check (amount >= 0),
  issued_on date not null default current_date
);
create table if not exists journal_entries (
  id serial primary key,
  tenant_id uuid not null,
  memo text,
  created_at timestamptz not null default now()
);
create table if not exists settings (
  key text primary key,
  value text
);
create table if not exists events (
  id bigserial primary key,
  tenant_id uuid not null,
  kind text not null,
  payload jsonb
);
`;

type TenantRows = {
  invoices: [customer: string, amount: string, issuedOn: string][];
  journal: [memo: string, createdAt: string][];
  events: [kind: string, payload: string][];
};

const rowsByTenant: Record<DemoTenant, TenantRows> = {
  acme: {
    invoices: [
      ['Wayne Enterprises', '1200.00', '2024-01-15'],
      ['Stark Industries', '850.50', '2024-02-03'],
      ['Tyrell Corporation', '99.99', '2024-03-21'],
    ],
    journal: [
      ['Opening balance', '2024-01-01 09:00:00+00'],
      ['Invoice 1 issued', '2024-01-15 10:30:00+00'],
    ],
    events: [
      ['invoice.created', '{"invoice": 1, "amount": "1200.00"}'],
      ['user.login', '{"user": "alice"}'],
    ],
  },
  globex: {
    invoices: [
      ['Initrode', '4300.00', '2024-01-20'],
      ['Soylent Corp', '15.75', '2024-02-28'],
    ],
    journal: [['Opening balance', '2024-01-01 09:00:00+00']],
    events: [['invoice.created', '{"invoice": 1, "amount": "4300.00"}']],
  },
};

const literal = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const valuesList = (rows: string[][]): string => rows.map((r) => `(${r.map(literal).join(', ')})`).join(',\n  ');

/** Inserts into `table` only while it is empty. */
function guardedInsert(table: string, columns: string[], casts: string[], rows: string[][]): string {
  const select = columns.map((c, i) => `v.${c}${casts[i] ? `::${casts[i]}` : ''}`).join(', ');
  return `insert into ${table} (${columns.join(', ')})
select ${select}
from (values
  ${valuesList(rows)}
) as v (${columns.join(', ')})
where not exists (select 1 from ${table});
`;
}

/** The rows of one tenant's file: a multi-statement script for the simple query protocol. */
export function demoRowsSql(tenant: DemoTenant): string {
  const rows = rowsByTenant[tenant];
  return [
    guardedInsert('invoices', ['customer', 'amount', 'issued_on'], ['', 'numeric(12,2)', 'date'], rows.invoices),
    guardedInsert('journal_entries', ['memo', 'created_at'], ['', 'timestamptz'], rows.journal),
    guardedInsert('settings', ['key', 'value'], ['', ''], [['currency', 'USD'], ['fiscal_year_start', '01-01'], ['invoice_prefix', 'INV-']]),
    guardedInsert('events', ['kind', 'payload'], ['', 'jsonb'], rows.events),
  ].join('\n');
}
