SELECT initcap(name) AS i, md5(email) AS m FROM customers
