CREATE TABLE measurements (at date, v int) PARTITION BY RANGE (at)
