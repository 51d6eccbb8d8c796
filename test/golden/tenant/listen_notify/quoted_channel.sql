LISTEN "Order Events"
