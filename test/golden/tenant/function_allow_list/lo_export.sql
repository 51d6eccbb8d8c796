SELECT lo_export(16400, '/tmp/out')
