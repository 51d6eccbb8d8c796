SELECT value FROM audit.secrets
