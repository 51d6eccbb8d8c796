update "accounts" set "limit_amount" = $1, "frozen" = $2 where "accounts"."id" = $3 returning "id", "limit_amount", "frozen"
