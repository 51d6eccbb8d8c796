SELECT $1::boolean AS b, NOT $2::boolean AS nb
