SELECT 'it''s' AS s, E'a\nb' AS e
