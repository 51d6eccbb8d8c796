WITH recent AS (SELECT id, total FROM orders ORDER BY ordered_on DESC LIMIT 10) SELECT sum(total) FROM recent
