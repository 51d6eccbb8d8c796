UPDATE "app"."journal" SET amount = amount
