SELECT sum(lead_time) AS total_lead, avg(lead_time) AS avg_lead FROM orders
