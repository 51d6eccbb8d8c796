SELECT to_timestamp(1700000000) AS t
