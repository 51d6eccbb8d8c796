SET application_name = 'billing-worker'
