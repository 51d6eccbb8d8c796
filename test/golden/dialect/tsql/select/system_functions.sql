SELECT version(), current_database(), current_user, current_schema()
