UPDATE orders SET details = jsonb_set(details, '{status}', to_jsonb(status)) WHERE id = 1
