SELECT * FROM orders o LEFT JOIN invoices AS i(iid, iowner) ON i.iid = o.id
