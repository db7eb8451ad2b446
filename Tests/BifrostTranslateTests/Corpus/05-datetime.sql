-- Date and time: now() and friends against stored timestamps, interval literals and
-- arithmetic, date_trunc, EXTRACT / date_part, age, to_char, make_interval.
-- Comparisons with the current time are always far from now (fixture dates are fixed;
-- "live" rows expire in 2099 or never).

-- case: expired-tokens-now
-- order: ordered
SELECT token_jti, expires_at FROM tokens WHERE expires_at < now() ORDER BY token_jti;

-- case: live-tokens-current-timestamp
-- order: ordered
SELECT token_jti FROM tokens WHERE NOT revoked AND expires_at > CURRENT_TIMESTAMP ORDER BY token_jti;

-- case: issued-before-clock-timestamp
-- order: ordered
SELECT count(*) AS issued_in_past FROM tokens WHERE issued_at <= clock_timestamp();

-- case: recorded-local-before-localtimestamp
-- order: ordered
SELECT id, recorded_local FROM audit_events WHERE recorded_local < LOCALTIMESTAMP ORDER BY id;

-- case: birthdate-before-current-date
-- order: ordered
SELECT username, birthdate FROM users WHERE birthdate < CURRENT_DATE ORDER BY id;

-- case: current-time-functions-sanity
-- order: ordered
SELECT now() > '2024-01-01 00:00:00+00'::timestamptz AS after_2024,
       CURRENT_TIMESTAMP < '2200-01-01 00:00:00+00' AS before_2200,
       CURRENT_DATE >= DATE '2024-06-01' AS date_after,
       LOCALTIMESTAMP > TIMESTAMP '2024-01-01 00:00:00' AS local_after,
       clock_timestamp() >= now() - interval '1 minute' AS clock_close,
       now() = CURRENT_TIMESTAMP AS same_instant;

-- case: created-within-interval-of-now
-- order: ordered
SELECT username FROM users WHERE created_at > now() - interval '200 years' ORDER BY username;

-- case: codes-expiring-after-now-plus-interval
-- order: ordered
SELECT code FROM oauth_authorization_codes
WHERE NOT used AND expires_at > now() + interval '10 minutes'
ORDER BY code;

-- case: interval-literals
-- order: ordered
SELECT interval '1 day' AS one_day, interval '2 hours 30 minutes' AS two_and_half_hours,
       interval '1 year 2 months' AS year_and_two, '-1 day'::interval AS minus_day,
       interval '0' AS zero, INTERVAL '1' HOUR AS sql_hour, interval '36 hours' AS thirty_six_hours;

-- case: interval-constant-arithmetic
-- order: ordered
SELECT interval '1 day' * 3 AS three_days, interval '1 hour' + interval '30 minutes' AS ninety_minutes,
       -interval '1 day' AS negated, interval '1 day' / 2 AS half_day;

-- case: timestamptz-plus-interval
-- order: ordered
SELECT token_jti, issued_at + interval '1 hour' AS plus_hour, issued_at + interval '90 days' AS plus_90_days,
       issued_at - interval '5 minutes 30 seconds' AS minus_five_and_half
FROM tokens
WHERE issued_at > '1999-01-01 00:00:00+00'
ORDER BY token_jti;

-- case: timestamp-plus-month-clamps
-- order: ordered
SELECT TIMESTAMP '2024-01-31 10:00:00' + INTERVAL '1 month' AS jan31_plus_month,
       TIMESTAMP '2024-02-29 12:00:00' + INTERVAL '1 year' AS leap_plus_year,
       TIMESTAMPTZ '2024-03-31 00:00:00+00' - INTERVAL '1 month' AS mar31_minus_month,
       DATE '2024-02-28' + 1 AS date_plus_int, DATE '2024-02-28' + INTERVAL '1 day' AS date_plus_interval;

-- case: created-at-plus-month-fractional
-- order: ordered
SELECT username, created_at + interval '1 month' AS plus_month, created_at + interval '1 mon 2 days 3 hours' AS mixed
FROM users
WHERE created_at > '1999-01-01 00:00:00+00'
ORDER BY id;

-- case: expiry-minus-interval-comparison
-- order: ordered
SELECT token_jti FROM tokens
WHERE expires_at - interval '30 days' > issued_at AND expires_at <> 'infinity'
ORDER BY token_jti;

-- case: timestamp-minus-timestamp
-- order: ordered
SELECT token_jti, expires_at - issued_at AS lifetime
FROM tokens
WHERE isfinite(issued_at) AND isfinite(expires_at)
ORDER BY token_jti;

-- case: timestamp-difference-compared-to-interval
-- order: ordered
SELECT token_jti, expires_at - issued_at > interval '1 day' AS long_lived
FROM tokens
WHERE isfinite(issued_at) AND isfinite(expires_at)
ORDER BY token_jti;

-- case: date-minus-date
-- order: ordered
SELECT DATE '2024-03-01' - DATE '2024-02-01' AS feb_days, birthdate - DATE '1970-01-01' AS days_since_epoch, username
FROM users
WHERE birthdate BETWEEN '1900-01-01' AND '2100-01-01'
ORDER BY id;

-- case: date-trunc-units
-- order: ordered
SELECT id, date_trunc('day', occurred_at) AS day, date_trunc('hour', occurred_at) AS hour,
       date_trunc('month', occurred_at) AS month, date_trunc('year', occurred_at) AS year,
       date_trunc('minute', occurred_at) AS minute, date_trunc('week', occurred_at) AS week,
       date_trunc('quarter', occurred_at) AS quarter, date_trunc('second', occurred_at) AS second
FROM audit_events
WHERE occurred_at BETWEEN '2024-01-01 00:00:00+00' AND '2025-12-31 00:00:00+00'
ORDER BY id;

-- case: date-trunc-group-by-month
-- order: ordered
SELECT date_trunc('month', occurred_at) AS month, count(*) AS events,
       count(*) FILTER (WHERE event_type = 'login.failure') AS failures
FROM audit_events
WHERE occurred_at >= '2024-01-01 00:00:00+00' AND occurred_at < '2025-01-01 00:00:00+00'
GROUP BY 1
ORDER BY 1;

-- case: date-trunc-equals-day
-- order: ordered
SELECT id, event_type FROM audit_events WHERE date_trunc('day', occurred_at) = '2024-05-20 00:00:00+00' ORDER BY id;

-- case: extract-fields
-- order: ordered
SELECT id, EXTRACT(YEAR FROM occurred_at) AS year, EXTRACT(MONTH FROM occurred_at) AS month,
       EXTRACT(DAY FROM occurred_at) AS day, EXTRACT(HOUR FROM occurred_at) AS hour,
       EXTRACT(MINUTE FROM occurred_at) AS minute, EXTRACT(SECOND FROM occurred_at) AS second,
       EXTRACT(DOW FROM occurred_at) AS dow, EXTRACT(ISODOW FROM occurred_at) AS isodow,
       EXTRACT(DOY FROM occurred_at) AS doy, EXTRACT(WEEK FROM occurred_at) AS week,
       EXTRACT(QUARTER FROM occurred_at) AS quarter
FROM audit_events
WHERE occurred_at BETWEEN '1970-01-01 00:00:00+00' AND '2025-12-31 00:00:00+00'
ORDER BY id;

-- case: extract-epoch-timestamps
-- order: ordered
SELECT token_jti, EXTRACT(EPOCH FROM issued_at) AS issued_epoch, date_part('epoch', issued_at) AS issued_part,
       EXTRACT(EPOCH FROM expires_at - issued_at) AS lifetime_seconds
FROM tokens
WHERE isfinite(issued_at) AND isfinite(expires_at)
ORDER BY token_jti;

-- case: extract-epoch-integer-unix-time
-- order: ordered
SELECT username, EXTRACT(EPOCH FROM created_at)::bigint AS created_unix, floor(date_part('epoch', created_at))::bigint AS floored
FROM users
ORDER BY id;

-- case: extract-from-date-and-interval-literal
-- order: ordered
SELECT username, EXTRACT(YEAR FROM birthdate) AS birth_year, date_part('month', birthdate) AS birth_month,
       EXTRACT(EPOCH FROM INTERVAL '1 day 2 hours') AS interval_seconds
FROM users
WHERE birthdate BETWEEN '1900-01-01' AND '2100-01-01'
ORDER BY id;

-- case: date-part-text-field
-- order: ordered
SELECT id, date_part('hour', occurred_at) AS hour, date_part('dow', occurred_at) AS dow, date_part('year', recorded_local) AS local_year
FROM audit_events
WHERE id BETWEEN 9 AND 16
ORDER BY id;

-- case: age-two-arguments
-- order: ordered
SELECT username, age('2024-09-01 00:00:00+00'::timestamptz, created_at) AS account_age,
       age(DATE '2024-06-01', birthdate) AS age_at_june
FROM users
WHERE created_at > '2020-01-01 00:00:00+00' AND birthdate BETWEEN '1900-01-01' AND '2100-01-01'
ORDER BY id;

-- case: age-one-argument-compared
-- order: ordered
SELECT username, age(created_at) > interval '6 months' AS older_than_6_months
FROM users
WHERE created_at > '2020-01-01 00:00:00+00'
ORDER BY id;

-- case: to-char-common-patterns
-- order: ordered
SELECT id, to_char(occurred_at, 'YYYY-MM-DD') AS day, to_char(occurred_at, 'YYYY-MM-DD HH24:MI:SS') AS stamp,
       to_char(occurred_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS iso, to_char(occurred_at, 'HH24:MI') AS clock,
       to_char(occurred_at, 'YYYY-MM') AS month, to_char(occurred_at, 'DD/MM/YYYY') AS european
FROM audit_events
WHERE id BETWEEN 9 AND 24
ORDER BY id;

-- case: to-char-names-and-12-hour
-- order: ordered
SELECT id, to_char(occurred_at, 'Mon DD, YYYY') AS pretty, to_char(occurred_at, 'HH12:MI AM') AS twelve_hour,
       to_char(occurred_at, 'Dy') AS weekday, to_char(occurred_at, 'FMMonth') AS month_name,
       to_char(occurred_at, 'FMDay') AS day_name
FROM audit_events
WHERE id BETWEEN 9 AND 24
ORDER BY id;

-- case: to-char-fractional-seconds
-- order: ordered
SELECT token_jti, to_char(issued_at, 'HH24:MI:SS.MS') AS millis, to_char(issued_at, 'HH24:MI:SS.US') AS micros
FROM tokens
WHERE issued_at > '1999-01-01 00:00:00+00'
ORDER BY token_jti;

-- case: make-interval-literals
-- order: ordered
SELECT make_interval(days => 30) AS month_ish, make_interval(hours => 1, mins => 30) AS ninety,
       make_interval(secs => 90.5) AS secs, make_interval(1, 2, 0, 3) AS positional;

-- case: make-interval-with-column
-- order: ordered
SELECT code, expires_at - make_interval(mins => 10) AS reminder_at
FROM oauth_authorization_codes
WHERE isfinite(expires_at)
ORDER BY code;

-- case: make-interval-from-integer-column
-- order: ordered
SELECT code, created_at + make_interval(secs => max_age) AS max_auth_time
FROM oauth_authorization_codes
WHERE max_age IS NOT NULL AND max_age < 100000
ORDER BY code;

-- case: timestamptz-literal-with-offset-equality
-- order: ordered
SELECT token_jti FROM tokens WHERE issued_at = '2024-06-01 12:00:00+05:30' ORDER BY token_jti;

-- case: infinity-comparisons
-- order: ordered
SELECT token_jti, expires_at = 'infinity' AS never_expires, issued_at = '-infinity' AS since_forever,
       isfinite(expires_at) AS finite_expiry
FROM tokens
ORDER BY token_jti;

-- case: order-by-timestamp-with-infinities
-- order: ordered
SELECT id, occurred_at FROM audit_events ORDER BY occurred_at, id;

-- case: between-timestamps
-- order: ordered
SELECT id, event_type FROM audit_events
WHERE occurred_at BETWEEN '2024-06-01 00:00:00+00' AND '2024-08-01 18:45:30.5+00'
ORDER BY id;

-- case: timestamp-without-tz-literal-comparison
-- order: ordered
SELECT id, recorded_local FROM audit_events
WHERE recorded_local >= TIMESTAMP '2024-08-01 14:45:30.5'
ORDER BY id;

-- case: generate-series-days
-- order: ordered
SELECT d AS day, count(a.id) AS events
FROM generate_series('2024-05-19 00:00:00+00'::timestamptz, '2024-05-22 00:00:00+00'::timestamptz, interval '1 day') AS d
LEFT JOIN audit_events a ON a.occurred_at >= d AND a.occurred_at < d + interval '1 day'
GROUP BY d
ORDER BY d;

-- case: interval-column-plus-timestamp
-- order: ordered
SELECT t.token_jti, t.issued_at + c.access_token_lifetime AS natural_expiry,
       t.issued_at + c.refresh_token_lifetime AS refresh_expiry
FROM tokens t
JOIN oauth_clients c ON c.id = t.client_id
WHERE isfinite(t.issued_at)
ORDER BY t.token_jti;

-- case: interval-column-comparison
-- order: ordered
SELECT id, session_length FROM audit_events WHERE session_length > interval '1 hour' ORDER BY id;

-- case: interval-column-arithmetic
-- order: ordered
SELECT client_id, access_token_lifetime + interval '1 day' AS plus_day, access_token_lifetime * 2 AS doubled,
       -access_token_lifetime AS negated, refresh_token_lifetime - access_token_lifetime AS difference
FROM oauth_clients
ORDER BY client_id;

-- case: interval-column-ordering
-- order: ordered
SELECT id, session_length FROM audit_events WHERE session_length IS NOT NULL ORDER BY session_length DESC, id;

-- case: extract-epoch-interval-column
-- order: ordered
SELECT client_id, EXTRACT(EPOCH FROM access_token_lifetime) AS lifetime_seconds,
       date_part('epoch', refresh_token_lifetime) AS refresh_seconds
FROM oauth_clients
ORDER BY client_id;

-- case: sum-interval-column
-- order: ordered
SELECT u.username, sum(a.session_length) AS total_session, max(a.session_length) AS longest
FROM audit_events a
JOIN users u ON u.id = a.user_id
WHERE a.occurred_at > '2024-05-01 00:00:00+00'
GROUP BY u.username
ORDER BY u.username;

-- case: to-char-translation-mode
-- order: ordered
SELECT id, to_char(occurred_at, 'TMMonth') AS month_name, to_char(occurred_at, 'TMDay, DD TMMon') AS label
FROM audit_events
WHERE id BETWEEN 9 AND 24
ORDER BY id;
