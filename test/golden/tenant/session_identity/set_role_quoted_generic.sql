SET "role" = 'postgres'
