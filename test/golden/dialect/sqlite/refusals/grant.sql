GRANT SELECT ON customers TO bob
