UPDATE orders SET shipped_at = $1, lead_time = $2 WHERE id = $3
