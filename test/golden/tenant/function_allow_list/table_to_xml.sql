SELECT table_to_xml('app.orders'::regclass, true, false, '')
