CREATE TABLE statuses (code text PRIMARY KEY CHECK (code IN ('new', 'paid')), label varchar(40) NOT NULL DEFAULT 'x' CHECK (length(label) > 0))
