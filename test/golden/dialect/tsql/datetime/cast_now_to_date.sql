SELECT id FROM orders WHERE shipped_at::date = current_date OR ordered_on = now()::date
