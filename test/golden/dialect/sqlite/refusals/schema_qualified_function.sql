SELECT myschema.f(1)
