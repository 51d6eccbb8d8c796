DELETE FROM config.plans WHERE id = 1
