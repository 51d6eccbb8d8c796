CREATE TABLE defaults_demo (id int, at timestamptz DEFAULT current_timestamp, d date DEFAULT current_date, flag boolean DEFAULT true, label text DEFAULT 'x', u uuid DEFAULT gen_random_uuid())
