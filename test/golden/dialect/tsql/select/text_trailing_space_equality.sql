SELECT id FROM customers WHERE name = 'Bob ' OR email IN ('a@b.c ')
