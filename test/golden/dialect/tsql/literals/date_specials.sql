SELECT 'now'::timestamptz AS n, 'today'::date AS d, 'epoch'::timestamp AS e
