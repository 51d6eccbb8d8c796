SELECT * FROM U&"\0061pp".U&"\006Frders"
