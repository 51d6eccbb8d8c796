SELECT gen_random_uuid(), random(), to_char(now(), 'YYYY'), pg_typeof(1)
