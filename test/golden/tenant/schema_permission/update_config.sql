UPDATE config.settings SET value = 'EUR' WHERE key = 'currency'
