SELECT "select".id FROM orders AS "select"
