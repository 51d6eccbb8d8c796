COPY app.orders (id, total, tenant_id) FROM STDIN
-- copy in: {"csv":false,"delimiter":"\t","quote":"\"","escape":"\"","header":false,"mode":{"kind":"append"}}
