SELECT id FROM accounts WHERE frozen = false OR frozen <> true
