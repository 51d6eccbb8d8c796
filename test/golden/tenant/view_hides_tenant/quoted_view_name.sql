SELECT * FROM "app"."v_order_totals"
