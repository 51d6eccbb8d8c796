SELECT '{a,b}'::text[] AS t
