-- role: {"*": "ddl"}
CREATE VIEW app.v_paid AS SELECT id, tenant_id, total FROM app.orders WHERE status = 'paid'
