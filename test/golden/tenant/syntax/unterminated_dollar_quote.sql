SELECT $$ never closed
