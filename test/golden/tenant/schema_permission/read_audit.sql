SELECT * FROM audit.log
