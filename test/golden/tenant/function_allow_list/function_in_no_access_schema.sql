SELECT audit.write_log('x')
