INSERT INTO config.settings (key, value) VALUES ('currency', 'EUR')
