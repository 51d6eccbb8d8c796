SELECT id FROM orders WHERE details ->> 'channel' = 'web'
