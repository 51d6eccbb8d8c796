CREATE FUNCTION app.leak() RETURNS SETOF app.orders LANGUAGE sql AS $$ SELECT * FROM app.orders $$
