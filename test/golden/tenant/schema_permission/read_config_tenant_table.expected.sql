SELECT enabled FROM config.feature_flags WHERE name = 'beta' AND feature_flags.tenant_id = '11111111-1111-1111-1111-111111111111'
