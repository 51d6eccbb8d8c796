SELECT true AS t, false AS f, 't'::boolean AS tt
