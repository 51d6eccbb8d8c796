LOCK TABLE config.settings
