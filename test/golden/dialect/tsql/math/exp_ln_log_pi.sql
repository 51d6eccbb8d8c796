SELECT exp(1.0) AS e, ln(10) AS l, log(100) AS lg, pi() AS p
