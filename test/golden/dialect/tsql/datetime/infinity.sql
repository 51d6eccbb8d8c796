SELECT 'infinity'::timestamp AS inf
