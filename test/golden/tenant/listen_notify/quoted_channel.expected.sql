LISTEN "acme:Order Events"
