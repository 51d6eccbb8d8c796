REASSIGN OWNED BY app_rw TO postgres
