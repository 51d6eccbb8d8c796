SELECT EXISTS (SELECT 1 FROM audit.secrets WHERE value LIKE 'a%')
