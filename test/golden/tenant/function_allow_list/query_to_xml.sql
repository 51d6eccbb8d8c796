SELECT query_to_xml('select * from app.orders', true, false, '')
