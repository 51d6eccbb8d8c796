COPY config.settings TO STDOUT
