SELECT $$it's "quoted"$$ AS d, $tag$a$$b$tag$ AS t
