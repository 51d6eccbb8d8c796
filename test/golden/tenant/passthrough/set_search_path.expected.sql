SET search_path = public, app
-- search_path: public, app
