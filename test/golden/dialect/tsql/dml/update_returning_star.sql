UPDATE accounts SET frozen = true WHERE id = 1 RETURNING *
