COPY (SELECT 1) TO '/tmp/x'
