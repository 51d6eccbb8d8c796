\x00\x01 drop everything
