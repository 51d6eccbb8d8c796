SELECT enabled FROM config.feature_flags WHERE name = 'beta'
