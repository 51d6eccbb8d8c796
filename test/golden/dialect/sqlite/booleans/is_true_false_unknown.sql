SELECT active IS TRUE AS a, active IS NOT FALSE AS b, (balance > 0) IS UNKNOWN AS c FROM customers
