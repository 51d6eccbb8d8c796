SELECT id, total INTO TEMP my_totals FROM orders WHERE total > 10
