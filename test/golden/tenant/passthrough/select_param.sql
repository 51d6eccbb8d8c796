SELECT $1::int + 1
