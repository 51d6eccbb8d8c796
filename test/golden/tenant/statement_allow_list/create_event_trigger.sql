CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION app.other_fn()
