UPDATE orders SET shipped_at = NULL, notes = NULL WHERE id = $1
