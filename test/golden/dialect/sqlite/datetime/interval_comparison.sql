SELECT id FROM orders WHERE lead_time > interval '2 days' ORDER BY lead_time DESC
