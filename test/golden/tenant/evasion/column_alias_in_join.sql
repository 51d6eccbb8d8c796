SELECT * FROM orders AS o(oid, owner) JOIN invoices AS i(iid, iowner) ON i.iid = o.oid
