SELECT stavalues1 FROM pg_statistic
