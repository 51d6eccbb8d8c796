SELECT to_date('05 Jan 2024', 'DD Mon YYYY') AS d, to_timestamp('2024-01-05 10:00', 'YYYY-MM-DD HH24:MI') AS t, to_timestamp(1700000000) AS e
