DROP VIEW app.v_order_totals
