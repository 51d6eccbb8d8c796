SELECT 1 + 1, 'hello', NULL AS nothing
