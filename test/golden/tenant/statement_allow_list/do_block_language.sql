DO LANGUAGE plpgsql $body$ BEGIN EXECUTE 'delete from app.orders'; END $body$
