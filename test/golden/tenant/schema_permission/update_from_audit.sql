UPDATE orders SET status = s.value FROM audit.secrets s WHERE s.id = orders.id
