SELECT * FROM pg_toast.pg_toast_16384
