COPY notes (tenant_id, body) FROM STDIN
