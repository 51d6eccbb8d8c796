SELECT * FROM `orders`
