// Drizzle's Postgres introspection (drizzle-kit pull: tables, columns with types/defaults/identity, enums,
// sequences, policies, indexes, foreign keys, primary/unique/check constraints, views) on a SQLite tenant,
// compared with what the same queries answer on the real Postgres for the same DDL. drizzle-kit's queries
// are in drizzle-introspection.ts (drizzle-kit is not installed: its esbuild dependency needs an install script).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';
import { DRIZZLE_QUERIES, introspect, type Introspection } from './drizzle-introspection.js';

const DDL = [
  `create table authors (id serial primary key, name varchar(120) not null, email varchar(255) not null unique, rating numeric(4,2),
     active boolean not null default true, created_at timestamp with time zone not null default now())`,
  `create table posts (id bigserial primary key, author_id integer not null references authors(id) on delete cascade, title varchar(200) not null,
     body text, score numeric(10,3) default 0, published boolean default false, created_at timestamptz default now(), check (score >= 0))`,
  `create index posts_author_idx on posts (author_id)`,
  `create unique index posts_title_author_idx on posts (title, author_id)`,
  `create table post_tags (post_id integer not null references posts(id), tag varchar(40) not null, weight smallint default 1, primary key (post_id, tag))`,
  `create view published_posts as select id, title from posts where published`,
];

let proxy: RunningProxy;
let client: pg.Client;
let ref: pg.Client;
let ours: Introspection;
let theirs: Introspection;

beforeAll(async () => {
  proxy = await startProxy({ database: 'sqlite_drizzle', sqlite: true });
  client = new pg.Client(proxy.url('alice'));
  await client.connect();
  for (const ddl of DDL) await client.query(ddl);
  ref = new pg.Client(await createTestDatabase(adminUrl(), 'sqlite_drizzle_ref'));
  await ref.connect();
  for (const ddl of DDL) await ref.query(ddl);
  ours = await introspect(client, 'public', { indexes: true });
  theirs = await introspect(ref, 'public', { indexes: true });
});

afterAll(async () => {
  await client?.end();
  await ref?.end();
  await proxy?.stop();
});

/** What differs by design: the roles (the tenant sees only its own), the CHECK and view texts (see below). */
function comparable(i: Introspection): unknown {
  return {
    ...i,
    roles: null,
    tables: Object.fromEntries(Object.entries(i.tables).map(([name, t]) => [name, { ...t, checks: Object.keys(t.checks) }])),
    views: Object.fromEntries(Object.entries(i.views).map(([name, v]) => [name, { ...v, definition: null }])),
  };
}

describe('drizzle-kit introspection on a SQLite tenant', () => {
  it('answers what Postgres answers for tables, columns, sequences, enums, policies, constraints and views', () => {
    expect(comparable(ours)).toEqual(comparable(theirs));
  });

  it('reports the columns: types (serial/bigserial, varchar(n), numeric(p,s)), nullability, defaults', () => {
    const authors = ours.tables['authors']!;
    expect(authors.columns.map((c) => [c.name, c.dataType, c.notNull, c.default])).toEqual([
      ['id', 'serial', true, "nextval('authors_id_seq'::regclass)"],
      ['name', 'character varying(120)', true, null],
      ['email', 'character varying(255)', true, null],
      ['rating', 'numeric(4,2)', false, null],
      ['active', 'boolean', true, 'true'],
      ['created_at', 'timestamp with time zone', true, 'now()'],
    ]);
    expect(authors.columns[0]).toMatchObject({ serialSequence: 'authors_id_seq', identity: 'NO//////NO', generated: 'NEVER/' });
    const posts = ours.tables['posts']!;
    expect(posts.columns.map((c) => [c.name, c.dataType, c.default])).toContainEqual(['id', 'bigserial', "nextval('posts_id_seq'::regclass)"]);
    expect(posts.columns.map((c) => [c.name, c.dataType, c.default])).toContainEqual(['score', 'numeric(10,3)', '0']);
    expect(posts.columns.map((c) => [c.name, c.dataType, c.default])).toContainEqual(['published', 'boolean', 'false']);
    expect(ours.tables['post_tags']!.columns.map((c) => [c.name, c.dataType, c.default])).toContainEqual(['weight', 'smallint', '1']);
  });

  it('reports primary keys (composite by name), unique constraints, foreign keys and CHECK names', () => {
    expect(ours.tables['authors']).toMatchObject({ primaryKey: ['id'], uniques: { authors_email_key: ['email'] }, rlsEnabled: false, foreignKeys: {} });
    expect(ours.tables['post_tags']).toMatchObject({ primaryKey: ['post_id', 'tag'], compositePrimaryKeyName: 'post_tags_pkey' });
    expect(ours.tables['posts']!.foreignKeys).toEqual({
      posts_author_id_fkey: { columns: ['author_id'], schemaTo: 'public', tableTo: 'authors', columnsTo: ['id'], onUpdate: 'NO ACTION', onDelete: 'CASCADE' },
    });
    expect(ours.tables['post_tags']!.foreignKeys['post_tags_post_id_fkey']).toMatchObject({ tableTo: 'posts', columnsTo: ['id'] });
    // The CHECK is kept as written (Postgres prints its normalized expression: CHECK ((score >= (0)::numeric))).
    expect(ours.tables['posts']!.checks).toEqual({ posts_score_check: 'CHECK (score >= 0)' });
    expect(theirs.tables['posts']!.checks).toEqual({ posts_score_check: 'CHECK ((score >= (0)::numeric))' });
  });

  it('reports the serial sequences as Postgres does, which indexes back constraints, and the view', () => {
    const seqs = (i: Introspection): unknown[] => [...i.sequences].sort((a, b) => String(a['sequencename']).localeCompare(String(b['sequencename'])));
    expect(seqs(ours)).toEqual([
      { schemaname: 'public', sequencename: 'authors_id_seq', start_value: '1', min_value: '1', max_value: '2147483647', increment_by: '1', cycle: false, cache_size: '1' },
      { schemaname: 'public', sequencename: 'posts_id_seq', start_value: '1', min_value: '1', max_value: '9223372036854775807', increment_by: '1', cycle: false, cache_size: '1' },
    ]);
    expect(ours.tables['authors']!.constraintIndexes).toEqual(['authors_email_key', 'authors_pkey']);
    expect(ours.tables['posts']!.constraintIndexes).toEqual(['posts_pkey']);
    expect(ours.enums).toEqual([]);
    expect(ours.policies).toEqual([]);
    expect(ours.roles).toEqual(['alice']);
    expect(ours.views['published_posts']!.columns.map((c) => [c.name, c.dataType])).toEqual([['id', 'bigint'], ['title', 'character varying(200)']]);
    // The view keeps the definition pgfabric deparsed from the CREATE VIEW (Postgres prints its own rewrite of it).
    expect(ours.views['published_posts']!.definition).toBe('SELECT id, title FROM public.posts WHERE published');
    expect(ours.views['published_posts']).toMatchObject({ tablespace: null, options: null, location: null });
  });

  it('reports every index as Postgres does (its LATERAL unnest of pg_index.indkey is translated)', () => {
    const tables = Object.keys(theirs.tables);
    expect(tables.length).toBeGreaterThan(1);
    for (const table of tables) expect(ours.tables[table]!.indexes, table).toEqual(theirs.tables[table]!.indexes);
    expect(Object.values(ours.tables).some((t) => Object.keys(t.indexes).length > 0)).toBe(true);
  });

  it('refuses (0A000) what the file does not keep', async () => {
    await expect(client.query('select idx_scan from pg_stat_user_indexes')).rejects.toMatchObject({ code: '0A000', message: expect.stringContaining('pg_stat_user_indexes.idx_scan') });
    await expect(client.query('select last_value from pg_sequences')).rejects.toMatchObject({ code: '0A000', message: expect.stringContaining('pg_sequences.last_value') });
    await client.query('create sequence invoice_no start 100');
    try {
      const seq = await client.query(`select sequencename, increment_by, min_value, max_value, data_type from pg_sequences where sequencename = 'invoice_no'`);
      expect(seq.rows).toEqual([{ sequencename: 'invoice_no', increment_by: '1', min_value: '1', max_value: '9223372036854775807', data_type: 'bigint' }]);
      await expect(client.query(`select start_value from pg_sequences where sequencename = 'invoice_no'`)).rejects.toMatchObject({ code: '0A000', message: expect.stringContaining('pg_sequences.start_value') });
      expect((await client.query(`select 'invoice_no'::regclass::text as r, relkind from pg_class where relname = 'invoice_no'`)).rows).toEqual([{ r: 'invoice_no', relkind: 'S' }]);
    } finally {
      await client.query('drop sequence invoice_no');
    }
  });
});
