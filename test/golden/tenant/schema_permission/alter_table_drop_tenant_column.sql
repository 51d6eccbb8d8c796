ALTER TABLE app.orders DROP COLUMN tenant_id
