SELECT 2.5::int AS a, (-2.5)::int AS b, 1.4999::int AS c
