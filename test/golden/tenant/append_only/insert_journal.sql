INSERT INTO journal (account, amount) VALUES ('4000', 120.00)
