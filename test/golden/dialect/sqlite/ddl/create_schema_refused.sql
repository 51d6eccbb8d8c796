CREATE SCHEMA reporting
