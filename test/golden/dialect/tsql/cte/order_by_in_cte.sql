WITH t AS (SELECT id FROM orders ORDER BY ordered_on) SELECT count(*) FROM t
