import Foundation
import Testing

/// Arrays stored as JSON text, set-returning functions in FROM, ordered aggregates and LATERAL:
/// each statement runs on PostgreSQL and, translated, on SQLite over the converted authly
/// fixture (with the corpus's extra rows), through the corpus harness.
@Suite struct ArrayTests {
    /// Runs the cases of `text` (corpus format) and records every failure.
    private func run(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try runCorpusCases(text, file: "ArrayTests", sourceLocation: sourceLocation)
    }

    @Test func quantifiedComparisons() throws {
        try run("""
        -- case: any-null-semantics
        -- order: ordered
        SELECT client_id, 'dev@example.com' = ANY(contacts) AS a, 'x' = ANY(contacts) AS b, 'x' <> ALL(contacts) AS c,
               NULL::text = ANY(grant_types) AS d, 'x' = ANY(redirect_uris) AS e, 'x' <> ALL(redirect_uris) AS f
        FROM oauth_clients ORDER BY client_id;
        -- case: any-literal-array
        -- order: ordered
        SELECT client_id FROM oauth_clients WHERE 'code' = ANY('{code,"code id_token"}') AND client_id = ANY('{spa-frontend,minimal-client}') ORDER BY 1;
        -- case: any-array-constructor
        -- order: ordered
        SELECT id, id = ANY(ARRAY[1, 3, NULL]) AS in_list, id <> ALL(ARRAY[1, 2]) AS not_in, id > ANY(ARRAY[3, 5]) AS gt_any,
               id < ALL(ARRAY[4, NULL]) AS lt_all
        FROM audit_events ORDER BY id;
        -- case: any-ordering-over-column
        -- order: ordered
        SELECT id, 2 < ANY(rate_limit_window) AS some_above, 0 <= ALL(rate_limit_window) AS none_negative
        FROM audit_events ORDER BY id;
        -- case: any-parameter-array
        -- order: ordered
        -- params: ["{login,pkce}"]
        SELECT id FROM audit_events WHERE tags && $1::text[] ORDER BY id;
        -- case: any-non-ascii
        -- order: ordered
        SELECT id FROM audit_events WHERE 'straße' = ANY(tags) OR '🔐' = ANY(tags) ORDER BY id;
        -- case: any-locales
        -- order: ordered
        SELECT code, 'fr' = ANY(ui_locales) AS fr, '2' = ANY(acr_values) AS two FROM oauth_authorization_codes ORDER BY code;
        """)
    }

    @Test func containmentAndEquality() throws {
        try run("""
        -- case: contains-null-elements
        -- order: ordered
        SELECT id, tags @> ARRAY['a'] AS has_a, tags @> '{}' AS has_empty, tags <@ ARRAY['a', 'login', 'mfa', '🔐'] AS within,
               rate_limit_window @> ARRAY[4, 6] AS has_4_6, rate_limit_window && ARRAY[NULL::int] AS null_overlap
        FROM audit_events ORDER BY id;
        -- case: contains-null-array
        -- order: ordered
        SELECT client_id, contacts @> '{}' AS c, contacts && contacts AS o FROM oauth_clients ORDER BY client_id;
        -- case: array-equality-literals
        -- order: ordered
        SELECT id, tags = '{}' AS empty, tags = '{"with,comma","with \\"quote\\"","{brace}","with space","back\\\\slash","","NULL"," padded "}' AS tricky,
               rate_limit_window = '{{1,2,3},{4,5,6}}' AS matrix, tags = ARRAY['a', NULL] AS with_null, tags <> '{İstanbul,ÅSE,straße,é}' AS not_unicode
        FROM audit_events ORDER BY id;
        """)
    }

    @Test func constructorsSubscriptsAndFunctions() throws {
        try run("""
        -- case: nested-constructor
        -- order: ordered
        SELECT ARRAY[ARRAY[1, 2], ARRAY[3, NULL]] AS m, ARRAY[true, NULL, false] AS b, '{}'::text[] AS e, ARRAY['é', 'ÅSE'] AS u;
        -- case: subscripts-and-slices
        -- order: ordered
        SELECT id, tags[1] AS first, tags[2:3] AS middle, tags[:1] AS head, tags[3:2] AS none, rate_limit_window[2:2] AS row2,
               rate_limit_window[1][2] AS r1c2, tags[NULL::int] AS n
        FROM audit_events ORDER BY id;
        -- case: sizes
        -- order: ordered
        SELECT id, array_length(rate_limit_window, 2) AS cols, array_upper(tags, 1) AS upper, array_lower(tags, 1) AS lower,
               array_ndims(rate_limit_window) AS dims, cardinality(tags) AS n
        FROM audit_events ORDER BY id;
        -- case: position-and-text
        -- order: ordered
        SELECT id, array_position(tags, NULL) AS null_at, array_position(tags, 'mfa') AS mfa_at,
               array_to_string(rate_limit_window, '-') AS flat, array_to_string(rate_limit_window, '-', '?') AS flat_nulls,
               array_to_string(tags, NULL) AS no_separator
        FROM audit_events ORDER BY id;
        -- case: boolean-array-text
        -- order: ordered
        SELECT array_to_string(ARRAY[is_active, NOT is_active, NULL], ',', 'n') AS flags FROM users ORDER BY username;
        -- case: string-to-array-cases
        -- order: ordered
        SELECT string_to_array('a,b,,c', ',') AS a, string_to_array('', ',') AS b, string_to_array('xyz', NULL) AS c,
               string_to_array('x y', '') AS d, string_to_array('a--b--', '--') AS e, string_to_array(NULL, ',') AS f,
               string_to_array('İ,é,*', ',', '*') AS g;
        -- case: editing
        -- order: ordered
        SELECT id, array_remove(tags, NULL) AS r, array_replace(tags, 'a', 'z') AS p, array_append(rate_limit_window, 0) AS ap,
               array_prepend(0, rate_limit_window) AS pp, tags || ARRAY['x'] AS c1, ARRAY['x'] || tags AS c2,
               array_cat(NULL::text[], tags) AS c4, tags || NULL::text AS c5, NULL || tags AS c6
        FROM audit_events WHERE id IN (2, 5, 6) ORDER BY id;
        -- case: multidimensional-concatenation
        -- order: ordered
        SELECT id, rate_limit_window || ARRAY[9, 9, 9] AS appended_row, ARRAY[9, 9, 9] || rate_limit_window AS prepended_row,
               rate_limit_window || rate_limit_window AS doubled
        FROM audit_events WHERE id IN (1, 2, 4, 5) ORDER BY id;
        """)
    }

    @Test func tableFunctions() throws {
        try run("""
        -- case: unnest-multidimensional-ordinality
        -- order: ordered
        SELECT e.id, u.v, u.n FROM audit_events e, unnest(e.rate_limit_window) WITH ORDINALITY AS u(v, n) ORDER BY e.id, u.n;
        -- case: unnest-left-join-keeps-empty
        -- order: ordered
        SELECT c.client_id, t FROM oauth_clients c LEFT JOIN LATERAL unnest(c.contacts) AS t ON true ORDER BY 1, 2;
        -- case: unnest-star
        -- order: unordered
        SELECT * FROM unnest(ARRAY['b', 'a']) WITH ORDINALITY;
        -- case: generate-series
        -- order: ordered
        SELECT g, s.x FROM generate_series(1, 3) AS g, generate_series(10, 1, -4) AS s(x) ORDER BY 1, 2;
        -- case: generate-series-lateral
        -- order: ordered
        SELECT e.id, g FROM audit_events e, generate_series(1, cardinality(e.tags)) AS g WHERE e.id > 0 ORDER BY 1, 2;
        -- case: jsonb-array-elements
        -- order: ordered
        SELECT e.value, t.value AS text_value
        FROM jsonb_array_elements('[1.50, "x", true, null, {"a": 1}]') WITH ORDINALITY AS e(value, n)
        JOIN jsonb_array_elements_text('[1.50, "x", true, null, 7]') WITH ORDINALITY AS t(value, n) ON t.n = e.n
        ORDER BY e.n;
        -- case: jsonb-each-and-keys
        -- order: unordered
        SELECT k.k, e.key, e.value, x.value FROM jsonb_object_keys('{"b": 1, "a": [1, 2]}') AS k,
               jsonb_each('{"b": 1, "a": [1, 2]}') AS e, jsonb_each_text('{"b": 1, "a": "é"}') AS x WHERE e.key = k.k AND x.key = e.key;
        -- case: unnest-in-select-list
        -- refuse: unsupported-function move it to FROM
        SELECT unnest(tags) FROM audit_events;
        -- case: unnest-two-arrays
        -- refuse: unsupported-function several arrays
        SELECT * FROM unnest(ARRAY[1], ARRAY[2]);
        """)
    }

    @Test func orderedAggregates() throws {
        try run("""
        -- case: array-agg-ordered-nulls
        -- order: ordered
        SELECT array_agg(t ORDER BY t) AS asc_nulls_last, array_agg(t ORDER BY t DESC) AS desc_nulls_first,
               array_agg(DISTINCT t) AS distinct_sorted, string_agg(t, '|' ORDER BY t DESC NULLS LAST) AS joined,
               array_agg(t) FILTER (WHERE false) AS none, string_agg(DISTINCT t, ',') AS distinct_joined
        FROM audit_events, unnest(tags) AS t;
        -- case: array-agg-order-by-other-key
        -- order: ordered
        SELECT e.user_id IS NULL AS anonymous, array_agg(e.id ORDER BY e.occurred_at DESC, e.id) AS ids,
               jsonb_agg(e.event_type ORDER BY e.id) AS types, json_agg(e.tags ORDER BY e.id) FILTER (WHERE e.id > 0) AS tag_lists
        FROM audit_events e GROUP BY 1 ORDER BY 1;
        -- case: array-agg-booleans-window
        -- order: ordered
        SELECT username, array_agg(is_active) OVER (ORDER BY username ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS flags
        FROM users ORDER BY username;
        -- case: array-agg-empty-input
        -- order: ordered
        SELECT array_agg(id ORDER BY id) AS a, string_agg(event_type, ',') AS s, jsonb_agg(id) AS j FROM audit_events WHERE id < -1e19;
        """)
    }

    @Test func lateralSubqueries() throws {
        try run("""
        -- case: lateral-aggregate
        -- order: ordered
        SELECT c.client_id, x.n, x.first FROM oauth_clients c
        LEFT JOIN LATERAL (SELECT count(*) AS n, min(u) AS first FROM unnest(c.redirect_uris) AS u) x ON true
        ORDER BY c.client_id;
        -- case: lateral-limit-one-drops-rows
        -- order: ordered
        SELECT c.client_id, l.uri FROM oauth_clients c
        CROSS JOIN LATERAL (SELECT u AS uri FROM unnest(c.redirect_uris) AS u ORDER BY u DESC LIMIT 1) l
        ORDER BY c.client_id;
        -- case: lateral-left-join-condition
        -- order: ordered
        SELECT c.client_id, l.* FROM oauth_clients c
        LEFT JOIN LATERAL (SELECT u AS uri, length(u) AS len FROM unnest(c.redirect_uris) AS u ORDER BY u LIMIT 1) l ON l.uri LIKE 'https%'
        ORDER BY c.client_id;
        -- case: lateral-comma-without-from
        -- order: ordered
        SELECT c.client_id, d.twice FROM oauth_clients c, LATERAL (SELECT cardinality(c.grant_types) * 2 AS twice WHERE c.is_active) d
        ORDER BY 1;
        -- case: lateral-multirow
        -- refuse: unsupported-syntax may return several rows
        SELECT c.client_id, l.u FROM oauth_clients c, LATERAL (SELECT u FROM unnest(c.redirect_uris) AS u) l;
        """)
    }

    @Test func refusals() throws {
        try run("""
        -- case: numeric-array-literal
        -- refuse: unsupported-array numeric
        SELECT '{1.50}'::numeric[];
        -- case: field-selection
        -- refuse: unsupported-syntax field selection
        SELECT (c).client_id FROM oauth_clients c;
        -- case: array-agg-order-by-float
        -- refuse: unsupported-function ordering an aggregate
        SELECT array_agg(id ORDER BY id::float8) FROM audit_events;
        """)
    }

    @Test func explicitBoundsLiterals() throws {
        try run("""
        -- case: array-literal-explicit-bounds-from-one
        -- order: ordered
        SELECT '[1:3]={7,8,9}'::integer[] AS one_based, '[1:2][1:1]={{a},{b}}'::text[] AS two_d,
               ' [2] = {1,2}'::integer[] AS upper_only;
        -- case: array-literal-lower-bound-zero
        -- refuse: unsupported-cast lower bound
        SELECT '[0:2]={7,8,9}'::integer[];
        -- case: array-literal-dimensions-mismatch
        -- refuse: invalid-literal do not match
        SELECT '[1:2]={7,8,9}'::integer[];
        """)
    }
}
