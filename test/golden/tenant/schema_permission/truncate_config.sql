TRUNCATE config.settings
