CREATE TABLE ledger (id int, amount numeric, rate numeric(5), money_col numeric(19,4))
