SET application_name = 'myapp'; SET client_encoding TO 'UTF8'; SET datestyle TO 'ISO, MDY'; SHOW transaction_isolation
