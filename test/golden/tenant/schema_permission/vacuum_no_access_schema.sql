VACUUM FULL audit.secrets
