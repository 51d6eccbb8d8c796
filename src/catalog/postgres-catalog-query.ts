// The one SQL statement that introspects a Postgres backend for the rewriter. One statement means
// one round trip and one snapshot: schemas, relations and functions can never disagree with each
// other the way three separate reads taken around a concurrent DDL could. It returns a single row
// of three json columns (json rather than one row per relation so that one client call, with or
// without the extended protocol, carries everything). $1 is the tenant column name.
//
// Schemas named pg_toast*, pg_temp_N and pg_toast_temp_N are left out everywhere: users cannot
// create `pg_`-prefixed schemas, so the pattern cannot hide a user schema; toast relations are never
// addressed by SQL; and temporary relations belong to one backend session, so listing another
// session's pg_temp_N in a catalog shared by every client would resolve names that session cannot see.
//
// readsTenantScoped: pg_depend records, for each view's and matview's pg_rewrite rule, every
// relation its query reads (refclassid = pg_class), plus an internal edge back to the view itself,
// which is skipped. Starting from the relations that have the tenant column, the recursive part
// climbs to every view reading one of them, then to the views reading those, and so on; UNION (not
// UNION ALL) deduplicates, so the walk ends even on a diamond. What pg_depend cannot see: relations
// read inside a function body (`select * from f()`) — the rewriter must treat such calls on its own.
export const POSTGRES_CATALOG_QUERY = `
with recursive
  nsp as (
    select oid, nspname from pg_catalog.pg_namespace where nspname !~ '^pg_(toast|temp_)'
  ),
  rel as (
    select c.oid, n.nspname, c.relname, c.relkind
    from pg_catalog.pg_class c join nsp n on n.oid = c.relnamespace
    where c.relkind in ('r', 'v', 'm', 'p', 'f', 'S')
  ),
  reads as (
    select distinct rw.ev_class as reader, d.refobjid as source
    from pg_catalog.pg_rewrite rw
    join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = rw.oid
    where d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid <> rw.ev_class
  ),
  scoped(oid) as (
    select a.attrelid
    from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid
    where a.attname = $1::text and a.attnum > 0 and not a.attisdropped
      and c.relkind in ('r', 'v', 'm', 'p', 'f')
    union
    select reads.reader from reads join scoped on scoped.oid = reads.source
  ),
  tenant_readers as (
    select distinct reads.reader as oid from reads join scoped on scoped.oid = reads.source
  )
select
  (select coalesce(json_agg(nspname order by nspname), '[]') from nsp) as schemas,
  (select coalesce(json_agg(json_build_object(
      'schema', rel.nspname,
      'name', rel.relname,
      'kind', rel.relkind,
      'columns', (select coalesce(json_agg(a.attname order by a.attnum), '[]')
                  from pg_catalog.pg_attribute a
                  where a.attrelid = rel.oid and a.attnum > 0 and not a.attisdropped),
      'readsTenantScoped', rel.relkind in ('v', 'm') and tr.oid is not null
    )), '[]') from rel left join tenant_readers tr on tr.oid = rel.oid) as relations,
  (select coalesce(json_object_agg(f.nspname, f.names), '{}')
   from (select n.nspname, json_agg(distinct p.proname) as names
         from pg_catalog.pg_proc p join nsp n on n.oid = p.pronamespace
         group by n.nspname) f) as functions
`;
