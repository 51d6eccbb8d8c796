SELECT 1 /* ; */; DELETE FROM orders
