SELECT balance FROM app."Accounts" a WHERE a.id = 1
