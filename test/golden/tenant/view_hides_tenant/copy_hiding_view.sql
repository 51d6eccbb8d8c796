COPY v_order_totals TO STDOUT
