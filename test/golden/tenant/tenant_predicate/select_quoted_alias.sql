SELECT "O".id FROM orders AS "O" WHERE "O".status = 'paid'
