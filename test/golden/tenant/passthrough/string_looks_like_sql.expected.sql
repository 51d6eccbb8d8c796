SELECT 'SELECT * FROM audit.secrets; DROP TABLE app.orders'
