COPY audit.secrets TO STDOUT
