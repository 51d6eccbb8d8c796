DROP VIEW customer_totals; DROP INDEX IF EXISTS orders_customer_idx; DROP SEQUENCE audit_log_entry_no_seq
