SELECT * FROM notes WHERE body = $a$ $b$ ; SELECT * FROM audit.secrets; $b$ $a$
