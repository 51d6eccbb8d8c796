DROP VIEW customer_totals; DROP VIEW IF EXISTS nothing_view
