SELECT '1.5'::money AS m
