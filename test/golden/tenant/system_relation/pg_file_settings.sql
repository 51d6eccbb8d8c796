SELECT * FROM pg_file_settings
