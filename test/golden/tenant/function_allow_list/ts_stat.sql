SELECT * FROM ts_stat('select to_tsvector(body) from app.notes')
