SELECT ordered_on, count(*) FROM orders WHERE ordered_on > current_date - 30 GROUP BY ordered_on ORDER BY ordered_on
