SELECT id FROM orders WHERE status IS DISTINCT FROM notes AND total IS NOT DISTINCT FROM discount
