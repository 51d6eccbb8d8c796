/* outer /* inner */ SELECT * FROM audit.secrets; */ SELECT * FROM orders
