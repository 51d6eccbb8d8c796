-- role: {"*": "ddl"}
CREATE VIEW app.v_files AS SELECT pg_read_file('/etc/passwd') AS f
