SELECT nextval('audit_log_entry_no_seq'), currval('audit_log_entry_no_seq'), setval('audit_log_entry_no_seq', 100)
