SET standard_conforming_strings = off; SELECT 'a\', ' ; SELECT * FROM audit.secrets; -- '
