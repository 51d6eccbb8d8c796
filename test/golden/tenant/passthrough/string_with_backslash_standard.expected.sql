SELECT 'a\', ' ; DELETE FROM audit.secrets; -- '
