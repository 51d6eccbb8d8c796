-- role: {"*": "ddl"}
DROP TABLE IF EXISTS app.reports
