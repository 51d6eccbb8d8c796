CREATE TABLE "Order Lines" ("Line No" int PRIMARY KEY, "Note]" text); INSERT INTO "Order Lines" VALUES (1, 'x') RETURNING "Note]"
