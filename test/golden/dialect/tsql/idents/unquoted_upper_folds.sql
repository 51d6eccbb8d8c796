SELECT ID, Name FROM Customers WHERE Active
