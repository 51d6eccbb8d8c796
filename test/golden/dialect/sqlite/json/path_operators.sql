SELECT details #> '{a,b}' AS p, details #>> '{a,b}' AS t FROM orders
