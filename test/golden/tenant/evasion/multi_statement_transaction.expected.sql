BEGIN;
UPDATE app.orders SET status = 'paid' WHERE id = 1 AND orders.tenant_id = '11111111-1111-1111-1111-111111111111';
INSERT INTO app.invoices (order_id, amount, tenant_id) VALUES (1, 10, '11111111-1111-1111-1111-111111111111');
COMMIT
