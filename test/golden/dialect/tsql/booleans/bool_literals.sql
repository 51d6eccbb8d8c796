SELECT true AS t, false AS f, 't'::boolean AS tt, NOT true AS nt
