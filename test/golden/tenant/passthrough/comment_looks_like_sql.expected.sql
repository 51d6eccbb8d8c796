SELECT 1 -- ; DELETE FROM app.orders
