SELECT clock_timestamp() AS c, statement_timestamp() AS s, transaction_timestamp() AS t
