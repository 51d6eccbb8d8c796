ALTER TABLE app.orders ADD COLUMN note text
