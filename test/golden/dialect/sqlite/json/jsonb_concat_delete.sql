SELECT details || '{"seen": true}' AS merged, details - 'note' AS trimmed FROM orders
