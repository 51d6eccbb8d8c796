SELECT quote_ident(name) AS qi, quote_literal(name) AS ql FROM customers
