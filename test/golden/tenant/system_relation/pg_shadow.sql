SELECT passwd FROM pg_shadow
