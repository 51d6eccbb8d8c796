COPY app.notes (tenant_id, body) FROM STDIN
-- copy in: {"csv":false,"delimiter":"\t","quote":"\"","escape":"\"","header":false,"mode":{"kind":"check","index":0}}
