SELECT substring(email from '@(.*)$') AS domain FROM customers
