COPY config.settings FROM STDIN
