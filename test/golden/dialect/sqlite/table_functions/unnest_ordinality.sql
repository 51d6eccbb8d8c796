SELECT * FROM unnest(ARRAY['a', 'b']) WITH ORDINALITY AS u(letter, n)
