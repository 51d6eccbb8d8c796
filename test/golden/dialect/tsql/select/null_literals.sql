SELECT NULL::int AS n, NULL::text AS t, NULL = NULL AS eq, NULL::boolean AS b
