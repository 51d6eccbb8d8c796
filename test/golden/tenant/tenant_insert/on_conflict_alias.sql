INSERT INTO app.products AS p (id, price) VALUES (1, 9) ON CONFLICT (id) DO UPDATE SET price = p.price + 1 RETURNING p.price
