MERGE INTO products p USING (SELECT 'A' AS sku) s ON p.sku = s.sku WHEN MATCHED THEN DELETE
