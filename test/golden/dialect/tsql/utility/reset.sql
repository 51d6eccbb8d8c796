RESET statement_timeout; RESET ALL
