SELECT * FROM app /* hidden */ . /* more */ orders
