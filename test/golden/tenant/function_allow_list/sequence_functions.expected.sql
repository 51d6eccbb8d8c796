SELECT nextval('app.orders_id_seq')
