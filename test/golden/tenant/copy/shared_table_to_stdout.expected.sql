COPY (SELECT * FROM config.settings) TO STDOUT
