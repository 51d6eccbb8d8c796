SELECT data FROM pg_largeobject
