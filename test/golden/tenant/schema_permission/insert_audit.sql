INSERT INTO audit.log (action) VALUES ('x')
