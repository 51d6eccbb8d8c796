UPDATE orders SET shipped_at = $1, tracking = $2 WHERE id = $3
