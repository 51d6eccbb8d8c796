SELECT 1; SELECT 'two'; UPDATE customers SET active = true
