SELECT U&'\0041\00e9' AS u, E'tab\there' AS e
