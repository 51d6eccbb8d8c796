ALTER TABLE orders ADD COLUMN archived_at timestamptz DEFAULT now()
