SELECT kind, count(*) FROM events GROUP BY kind
