SELECT current_time, localtime
