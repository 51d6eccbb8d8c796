-- name: win_row_number_per_customer
SELECT customer_id, id, ordered_at,
  row_number() OVER (PARTITION BY customer_id ORDER BY ordered_at, id) AS nth_order
FROM orders
ORDER BY customer_id, nth_order;

-- name: win_rank_dense_rank
-- types: int4, text, numeric, int8, int8
SELECT id, category, price,
  rank() OVER (PARTITION BY category ORDER BY price DESC) AS price_rank,
  dense_rank() OVER (ORDER BY category) AS category_no
FROM products
ORDER BY category, price DESC, id;

-- name: win_rank_with_ties
SELECT quantity, order_id, line_no,
  rank() OVER (ORDER BY quantity DESC) AS r,
  dense_rank() OVER (ORDER BY quantity DESC) AS dr
FROM order_items
ORDER BY quantity DESC, order_id, line_no
LIMIT 30;

-- name: win_lag_lead
SELECT id, customer_id, ordered_at,
  lag(ordered_at) OVER (PARTITION BY customer_id ORDER BY ordered_at, id) AS previous_order,
  lead(id) OVER (PARTITION BY customer_id ORDER BY ordered_at, id) AS next_order_id
FROM orders
ORDER BY customer_id, ordered_at, id;

-- name: win_lag_with_default
SELECT id, amount, lag(amount, 1, 0) OVER (ORDER BY paid_at, id) AS prev_amount
FROM payments
ORDER BY paid_at, id;

-- name: win_running_sum
SELECT id, paid_at, amount,
  sum(amount) OVER (ORDER BY paid_at, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_total
FROM payments
WHERE succeeded
ORDER BY paid_at, id;

-- name: win_running_sum_partition
SELECT o.customer_id, o.id, sum(oi.quantity) OVER (PARTITION BY o.customer_id ORDER BY o.id) AS units_so_far
FROM orders o JOIN (SELECT order_id, sum(quantity) AS quantity FROM order_items GROUP BY order_id) oi ON oi.order_id = o.id
ORDER BY o.customer_id, o.id;

-- name: win_moving_average
SELECT id, amount,
  avg(amount) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving_avg
FROM payments
ORDER BY id;

-- name: win_ntile
-- types: int4, numeric, int4
SELECT id, credit_limit, ntile(4) OVER (ORDER BY credit_limit, id) AS quartile
FROM customers
ORDER BY credit_limit, id;

-- name: win_first_last_value
SELECT id, department, salary,
  first_value(full_name) OVER (PARTITION BY department ORDER BY salary DESC, id) AS top_earner,
  last_value(full_name) OVER (PARTITION BY department ORDER BY salary DESC, id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS lowest_earner
FROM employees
ORDER BY department, salary DESC, id;

-- name: win_percent_of_total
SELECT category, id, price,
  round(100 * price / sum(price) OVER (PARTITION BY category), 2) AS pct_of_category
FROM products
ORDER BY category, id;

-- name: win_count_over_partition
SELECT id, country, count(*) OVER (PARTITION BY country) AS same_country
FROM customers
ORDER BY id;

-- name: win_top_n_per_group
SELECT category, name, price
FROM (
  SELECT category, name, price, row_number() OVER (PARTITION BY category ORDER BY price DESC, id) AS rn
  FROM products
) ranked
WHERE rn <= 2
ORDER BY category, rn;

-- name: win_percent_rank_cume_dist
-- types: int4, numeric, float8, float8
SELECT id, salary, percent_rank() OVER (ORDER BY salary) AS pr, cume_dist() OVER (ORDER BY salary) AS cd
FROM employees
ORDER BY salary, id;

-- name: win_named_window
SELECT id, customer_id,
  row_number() OVER w AS rn,
  count(*) OVER w AS so_far
FROM orders
WINDOW w AS (PARTITION BY customer_id ORDER BY id)
ORDER BY customer_id, id;

-- name: win_range_frame
SELECT order_id, line_no, quantity,
  sum(quantity) OVER (ORDER BY quantity RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative
FROM order_items
WHERE order_id <= 10
ORDER BY quantity, order_id, line_no;

-- name: win_following_frame
SELECT order_id, line_no, quantity,
  sum(quantity) OVER (ORDER BY order_id, line_no ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING) AS next_three
FROM order_items
WHERE order_id <= 8
ORDER BY order_id, line_no;

-- name: win_lead_gap_days
-- types: int4, int8, int4
SELECT customer_id, id,
  lead(ordered_at::date) OVER (PARTITION BY customer_id ORDER BY ordered_at, id) - ordered_at::date AS days_to_next
FROM orders
ORDER BY customer_id, ordered_at, id;

-- name: win_nth_value
SELECT department, full_name,
  nth_value(full_name, 2) OVER (PARTITION BY department ORDER BY hired_on, id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_hire
FROM employees
ORDER BY department, hired_on, id;

-- name: win_aggregate_then_window
SELECT customer_id, sum(quantity * unit_price) AS spent,
  rank() OVER (ORDER BY sum(quantity * unit_price) DESC) AS spend_rank
FROM orders o JOIN order_items oi ON oi.order_id = o.id
GROUP BY customer_id
ORDER BY spend_rank, customer_id;

-- name: win_row_number_no_partition
SELECT row_number() OVER (ORDER BY email) AS n, email FROM customers ORDER BY n;

-- name: win_max_over_partition
SELECT id, customer_id, ordered_at, max(ordered_at) OVER (PARTITION BY customer_id) AS latest
FROM orders
ORDER BY customer_id, id;
