WITH t AS (SELECT * FROM v_order_totals) SELECT sum(total) FROM t
