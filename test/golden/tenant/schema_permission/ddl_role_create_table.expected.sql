CREATE TABLE app.reports (id int, tenant_id uuid NOT NULL)
