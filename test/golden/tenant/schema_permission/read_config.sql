SELECT key, value FROM config.settings WHERE key = 'currency'
