UPDATE orders SET status = 'shipped', shipped_at = localtimestamp WHERE status = 'paid' RETURNING id, status, shipped_at
