SELECT pg_terminate_backend(12345)
