BEGIN -- start the transfer
; UPDATE orders SET total = 0 WHERE id = 1; COMMIT
