SELECT extract(dow FROM ordered_on) AS dow, extract(doy FROM ordered_on) AS doy, extract(quarter FROM ordered_on) AS q, extract(isodow FROM ordered_on) AS isodow FROM orders
