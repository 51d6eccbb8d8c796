SELECT * FROM mv_sales_hidden
