SELECT delivered_at - shipped_at AS transit, now() - delivered_at AS since FROM orders
