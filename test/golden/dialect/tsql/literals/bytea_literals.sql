SELECT '\x'::bytea AS empty, '\xDEADbeef'::bytea AS mixed, 'abc'::bytea AS escape_form
