SELECT date '2024-01-01' AS d, timestamp '2024-01-01 10:00:00.123456' AS t, time '10:00' AS tm, timestamptz '2024-01-01 10:00+05:30' AS tz
