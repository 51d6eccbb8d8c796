DROP ROLE app_rw
