// Owns the SQL that creates the demo schema and its sample rows. Idempotent: safe to run on every
// demo start (objects are created if missing, rows are inserted only into empty tables).
import { demoTenants } from './demo-tenants.js';

const { acme, globex } = demoTenants;

const tables = `
create schema if not exists finance;
create schema if not exists config;
create schema if not exists kernel;

create table if not exists finance.invoices (
  id serial primary key,
  tenant_id uuid not null,
  customer text,
  amount numeric(12,2),
  issued_on date default current_date
);
create index if not exists invoices_tenant_id_idx on finance.invoices (tenant_id);

create table if not exists finance.journal_entries (
  id serial primary key,
  tenant_id uuid not null,
  memo text,
  created_at timestamptz default now()
);
create index if not exists journal_entries_tenant_id_idx on finance.journal_entries (tenant_id);

-- Shared by every tenant: no tenant column, governed by schema permissions alone.
create table if not exists config.settings (
  key text primary key,
  value text
);

create table if not exists kernel.events (
  id bigserial primary key,
  tenant_id uuid not null,
  kind text,
  payload jsonb
);
create index if not exists events_tenant_id_idx on kernel.events (tenant_id);
`;

// Each insert is guarded by its own table being empty, so a re-run adds nothing.
const rows = `
insert into finance.invoices (tenant_id, customer, amount, issued_on)
select v.tenant_id::uuid, v.customer, v.amount::numeric(12,2), v.issued_on::date
from (values
  ('${acme}', 'Wayne Enterprises', '1200.00', '2024-01-15'),
  ('${acme}', 'Stark Industries', '850.50', '2024-02-03'),
  ('${acme}', 'Tyrell Corporation', '99.99', '2024-03-21'),
  ('${globex}', 'Initrode', '4300.00', '2024-01-20'),
  ('${globex}', 'Soylent Corp', '15.75', '2024-02-28')
) as v (tenant_id, customer, amount, issued_on)
where not exists (select 1 from finance.invoices);

insert into finance.journal_entries (tenant_id, memo, created_at)
select v.tenant_id::uuid, v.memo, v.created_at::timestamptz
from (values
  ('${acme}', 'Opening balance', '2024-01-01 09:00:00+00'),
  ('${acme}', 'Invoice 1 issued', '2024-01-15 10:30:00+00'),
  ('${globex}', 'Opening balance', '2024-01-01 09:00:00+00')
) as v (tenant_id, memo, created_at)
where not exists (select 1 from finance.journal_entries);

insert into config.settings (key, value)
select v.key, v.value
from (values ('currency', 'USD'), ('fiscal_year_start', '01-01'), ('invoice_prefix', 'INV-')) as v (key, value)
where not exists (select 1 from config.settings);

insert into kernel.events (tenant_id, kind, payload)
select v.tenant_id::uuid, v.kind, v.payload::jsonb
from (values
  ('${acme}', 'invoice.created', '{"invoice": 1, "amount": "1200.00"}'),
  ('${acme}', 'user.login', '{"user": "alice"}'),
  ('${globex}', 'invoice.created', '{"invoice": 4, "amount": "4300.00"}')
) as v (tenant_id, kind, payload)
where not exists (select 1 from kernel.events);
`;

/** One multi-statement script, for the simple query protocol. */
export const demoSchemaSql: string = tables + rows;
