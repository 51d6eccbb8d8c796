SELECT * FROM "оrders"
