INSERT INTO config.feature_flags (name, enabled) VALUES ('beta', true) ON CONFLICT (name) DO UPDATE SET enabled = true
