-- name: dt_date_trunc_month_tz
SELECT id, date_trunc('month', ordered_at) AS month_start FROM orders ORDER BY id LIMIT 20;

-- name: dt_date_trunc_units
SELECT id, date_trunc('day', shipped_at) AS d, date_trunc('hour', shipped_at) AS h, date_trunc('week', shipped_at) AS w, date_trunc('quarter', shipped_at) AS q, date_trunc('year', shipped_at) AS y
FROM orders WHERE shipped_at IS NOT NULL ORDER BY id;

-- name: dt_extract_fields
-- types: int8, numeric, numeric, numeric, numeric, numeric
SELECT id, extract(year from ordered_at) AS y, extract(month from ordered_at) AS m, extract(day from ordered_at) AS d, extract(hour from ordered_at) AS h, extract(dow from ordered_at) AS dow
FROM orders ORDER BY id LIMIT 25;

-- name: dt_extract_epoch_and_doy
SELECT id, extract(epoch from ordered_at) AS epoch, extract(doy from ordered_at) AS doy, extract(isodow from ordered_at) AS isodow, extract(quarter from ordered_at) AS q
FROM orders ORDER BY id LIMIT 15;

-- name: dt_extract_from_date
-- types: int4, numeric, numeric, float8
SELECT id, extract(year from signup_date) AS y, extract(week from signup_date) AS w, date_part('month', signup_date) AS m FROM customers ORDER BY id;

-- name: dt_interval_add_to_timestamptz
-- types: int8, timestamptz, timestamptz
SELECT id, ordered_at + interval '30 days' AS due, ordered_at - interval '2 hours 30 minutes' AS earlier FROM orders ORDER BY id LIMIT 15;

-- name: dt_interval_add_month_end
-- types: date, timestamp
SELECT d, d + interval '1 month' AS plus_month FROM (VALUES ('2024-01-31'::date), ('2024-02-29'::date), ('2023-12-31'::date)) AS v(d) ORDER BY d;

-- name: dt_date_plus_integer
-- types: int4, date, date, date
SELECT id, signup_date, signup_date + 30 AS trial_end, signup_date - 1 AS day_before FROM customers ORDER BY id;

-- name: dt_date_minus_date
-- types: int4, date, int4
SELECT id, signup_date, '2025-01-01'::date - signup_date AS days_until_2025 FROM customers ORDER BY id;

-- name: dt_timestamp_difference
-- types: int8, interval
SELECT id, shipped_at - ordered_at::timestamp AS time_to_ship FROM orders WHERE shipped_at IS NOT NULL ORDER BY id;

-- name: dt_interval_comparison
SELECT id FROM orders WHERE shipped_at - ordered_at::timestamp > interval '3 days' ORDER BY id;

-- name: dt_age
-- types: int4, date, interval
SELECT id, hired_on, age('2025-01-01'::date, hired_on) AS tenure FROM employees ORDER BY id;

-- name: dt_age_timestamps
SELECT id, age(shipped_at, ordered_at::timestamp) AS a FROM orders WHERE shipped_at IS NOT NULL ORDER BY id;

-- name: dt_to_char_date
-- types: int4, text, text, text, text
SELECT id, to_char(signup_date, 'YYYY-MM-DD') AS iso, to_char(signup_date, 'DD Mon YYYY') AS human, to_char(signup_date, 'FMMonth') AS month_name, to_char(signup_date, 'Dy') AS dow
FROM customers ORDER BY id;

-- name: dt_to_char_timestamp
SELECT id, to_char(ordered_at, 'YYYY-MM-DD HH24:MI:SS') AS ts, to_char(ordered_at, 'HH12:MI AM') AS clock, to_char(ordered_at, 'YYYY-"Q"Q') AS quarter
FROM orders ORDER BY id LIMIT 20;

-- name: dt_to_char_numbers
SELECT id, to_char(price, 'FM999999990.00') AS p, to_char(stock, '00000') AS s FROM products ORDER BY id;

-- name: dt_group_by_month_text
SELECT to_char(paid_at, 'YYYY-MM') AS month, count(*) AS payments, sum(amount) AS total
FROM payments WHERE succeeded
GROUP BY 1
ORDER BY 1;

-- name: dt_timestamptz_offset_input
SELECT id, last_login_at FROM customers WHERE last_login_at IS NOT NULL ORDER BY last_login_at, id;

-- name: dt_filter_by_range
SELECT id, ordered_at FROM orders
WHERE ordered_at >= '2024-03-01' AND ordered_at < '2024-06-01'
ORDER BY ordered_at, id;

-- name: dt_filter_by_date_cast
SELECT id, occurred_at FROM events WHERE occurred_at::date = '2024-05-01'::date OR occurred_at::date BETWEEN '2024-07-01' AND '2024-07-10' ORDER BY id;

-- name: dt_timestamptz_to_timestamp
SELECT id, ordered_at::timestamp AS local_ts, ordered_at::date AS d FROM orders ORDER BY id LIMIT 10;

-- name: dt_interval_arithmetic
SELECT interval '1 day' * 3 AS three_days, interval '2 hours' + interval '45 minutes' AS mix, interval '1 month' - interval '1 day' AS m_minus_d, -interval '90 seconds' AS neg;

-- name: dt_interval_output
SELECT interval '36 hours' AS h, interval '1 year 2 months 3 days' AS ymd, interval '0.5 seconds' AS half, interval '1 day 02:03:04' AS dhms;

-- name: dt_make_date_and_literals
-- types: date, date, timestamp, timestamptz
SELECT make_date(2024, 2, 29) AS leap, date '2024-12-31' AS d, timestamp '2024-01-01 12:34:56.789' AS ts, timestamptz '2024-06-01 12:00:00+02' AS tz;

-- name: dt_date_bucket_counts
SELECT extract(month from occurred_at) AS month, kind, count(*) AS n
FROM events
GROUP BY 1, 2
ORDER BY 1, 2;

-- name: dt_days_since_last_order
SELECT c.id, '2025-01-01'::date - max(o.ordered_at)::date AS days_since
FROM customers c JOIN orders o ON o.customer_id = c.id
GROUP BY c.id
ORDER BY c.id;

-- name: dt_tenure_years
SELECT id, extract(year from age('2025-01-01'::date, hired_on)) AS years FROM employees ORDER BY id;
