SELECT x FROM jsonb_array_elements_text('["a","b"]') AS x
