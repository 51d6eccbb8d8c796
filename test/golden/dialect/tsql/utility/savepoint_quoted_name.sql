SAVEPOINT "My Savepoint"
