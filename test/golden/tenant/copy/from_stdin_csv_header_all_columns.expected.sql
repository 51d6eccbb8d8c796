COPY app.orders FROM STDIN WITH (FORMAT csv, HEADER 'true')
-- copy in: {"csv":true,"delimiter":",","quote":"\"","escape":"\"","header":true,"mode":{"kind":"check","index":1}}
