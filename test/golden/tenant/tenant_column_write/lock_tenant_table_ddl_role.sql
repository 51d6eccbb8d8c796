-- role: {"*": "ddl"}
LOCK TABLE orders
