NOTIFY orders_changed, 'x'
