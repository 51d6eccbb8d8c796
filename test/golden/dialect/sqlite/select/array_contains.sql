SELECT id FROM customers WHERE tags @> ARRAY['vip'] OR tags && '{new,trial}' OR 'x' = ANY(tags)
