SELECT id FROM orders WHERE details @> '{"gift": true}' AND details ? 'note'
