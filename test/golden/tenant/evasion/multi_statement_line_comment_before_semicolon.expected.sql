BEGIN -- start the transfer
;
UPDATE app.orders SET total = 0 WHERE id = 1 AND orders.tenant_id = '11111111-1111-1111-1111-111111111111';
COMMIT
