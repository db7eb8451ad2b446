import Foundation
import Testing
@testable import BifrostTranslate

/// json/jsonb: each statement runs on PostgreSQL and, translated, on SQLite over the converted
/// authly fixture (through the corpus harness). `::text` is used where PostgreSQL's exact jsonb
/// text (spaces, number spellings, key order) is what must match.
@Suite struct JSONTests {
    private func run(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try runCorpusCases(text, file: "JSONTests", sourceLocation: sourceLocation)
    }

    @Test func elementAccess() throws {
        try run("""
        -- case: json-arrows-users
        -- order: ordered
        SELECT username, address->>'locality', (address->'geo')::text, address->>'geo', address #> '{geo,lat}',
               address #>> '{geo,lon}', address #>> '{lines,1}', (address #> '{lines}')::text,
               address->>'region' IS NULL AS sql_null, address->'region' IS NULL AS json_null,
               address->'lines'->>-1 AS last_line, address->'lines'->>-9 AS beyond, address::text
        FROM users ORDER BY id;
        -- case: json-arrows-metadata
        -- order: ordered
        SELECT client_id, metadata->'tenant'->'regions'->0->>'code', metadata->'allowed_origins'->>1,
               metadata #>> '{tenant,name}', (metadata #> '{tenant,regions,0,weights}')::text,
               metadata #>> '{device,min_os,ios}', metadata #>> '{limits,huge}', metadata #>> '{limits,sci}',
               metadata->>'', metadata->>'escapes', metadata->>'quote_test', metadata::text, client_name_localized::text,
               jsonb_extract_path_text(metadata, 'tenant', 'regions', '1', 'code'), metadata->>'tenant.name'
        FROM oauth_clients ORDER BY client_id;
        -- case: json-plain-duplicates-and-escapes
        -- order: ordered
        SELECT id, details->>'reason', details->>'method', details->'factors'->1->>'type', details->>'user',
               details->>'emoji', details->>'big', details->>'exp', details->'big', details->'n', details->>'neg',
               details->>'a' IS NULL
        FROM audit_events WHERE id <> 2 ORDER BY id;
        -- case: json-claims
        -- order: ordered
        SELECT code, claims #> '{userinfo,given_name,essential}', claims->'id_token'->'email'->>'essential',
               claims->'userinfo'->>'https://example.com/claims/groups', claims ? 'userinfo'
        FROM oauth_authorization_codes ORDER BY id;
        -- case: json-parameter-key
        -- order: ordered
        -- params: ["country"]
        SELECT username, address->>$1 FROM users ORDER BY id;
        """)
    }

    @Test func containmentKeysAndEquality() throws {
        try run("""
        -- case: json-contains-metadata
        -- order: ordered
        SELECT client_id, metadata @> '{"spa": true}', metadata @> '{"tenant": {"id": 42, "regions": [{"code": "ap-south-1"}]}}',
               metadata @> '{"tenant": {"regions": [{"weights": [0.100, 1.5]}, {"primary": false}]}}',
               metadata @> '{"limits": {"zero": 0.0}}', metadata @> '{"limits": {"huge": 12345678901234567891}}',
               metadata @> '{"flags": {"note": null}}', metadata @> '{}', metadata @> '[]',
               metadata->'allowed_origins' @> '"http://localhost:3000"', metadata->'device'->'platforms' @> '["ios"]',
               '{"spa": true}'::jsonb <@ metadata
        FROM oauth_clients ORDER BY client_id;
        -- case: json-contains-constants
        -- order: ordered
        SELECT '[1,[2,3]]'::jsonb @> '[[3]]', '[1,[2,3]]'::jsonb @> '[3]', '"a"'::jsonb @> '["a"]', '["a"]'::jsonb @> '"a"',
               '{"a":[1,2,[3]]}'::jsonb @> '{"a":[[3],1,1]}', '1'::jsonb @> '1.0', '{"a":{}}'::jsonb @> '{"a":[]}',
               '[{"a":1,"b":2}]'::jsonb @> '[{"a":1}]', '{"é":[true,null]}'::jsonb @> '{"é":[null]}';
        -- case: json-key-exists
        -- order: ordered
        SELECT username, address ? 'geo', address ? 'region', address->'lines' ? 'Leil. 3',
               address ?& '{country,locality}', address ?| '{}', address ?& '{}', address ?| '{x,country}'
        FROM users ORDER BY id;
        -- case: json-equality
        -- order: ordered
        SELECT client_id, metadata = '{}'::jsonb, metadata = '{"spa":true}', metadata->'limits'->'zero' = '0.0',
               metadata->'tenant'->'regions'->0->'weights' = '[1.5, 0, 0.10]', metadata <> '{}'
        FROM oauth_clients ORDER BY client_id;
        -- case: json-literal-normalization
        -- order: ordered
        SELECT '{"b":1,"a":2, "aa":[1.0E2, -0, 1e-2, -1.5E-7], "a":3, "s":"\\u00e9\\n"}'::jsonb::text, '[1,2]'::jsonb = '[1.0,2.00]';
        """)
    }

    @Test func buildersAndFunctions() throws {
        try run("""
        -- case: json-build-object
        -- order: ordered
        SELECT jsonb_build_object('sub', id, 'preferred_username', username, 'email_verified', is_verified,
                                  'given_name', given_name, 'failed', failed_login_count, 'b', birthdate)::text,
               jsonb_build_array(username, failed_login_count, is_admin, NULL, 1.5)::text,
               to_jsonb(username)::text, to_jsonb(is_active)::text, to_jsonb(birthdate)::text, to_jsonb(created_at)::text
        FROM users ORDER BY id;
        -- case: json-build-nested
        -- order: ordered
        SELECT client_id, jsonb_build_object('client', client_id, 'grants', to_jsonb(grant_types),
               'limits', jsonb_build_object('rps', rate_limit_rps, 'max', max_active_tokens))::text, to_jsonb(contacts)::text
        FROM oauth_clients ORDER BY client_id;
        -- case: json-whole-row
        -- order: ordered
        SELECT to_jsonb(s)::text FROM oauth_scopes s ORDER BY 1;
        -- case: json-typeof-length-strip
        -- order: ordered
        SELECT username, jsonb_strip_nulls(address)::text, jsonb_typeof(address), jsonb_typeof(address->'geo'),
               jsonb_typeof(address->'region'), jsonb_typeof(address #> '{geo,lat}'), jsonb_typeof(address->'lines'),
               jsonb_typeof(address->'locality'), jsonb_array_length(address->'lines'),
               jsonb_extract_path(address, 'lines', '1')::text
        FROM users ORDER BY id;
        """)
    }

    @Test func modification() throws {
        try run("""
        -- case: json-concat-delete
        -- order: ordered
        SELECT username, (address || '{"verified": true}')::text, (address - 'geo')::text,
               (address - 'country' - 'locality')::text, (address #- '{geo,lat}')::text, (address #- '{lines,0}')::text
        FROM users WHERE jsonb_typeof(address) = 'object' ORDER BY id;
        -- case: json-concat-constants
        -- order: ordered
        SELECT ('[1,2]'::jsonb || '[3]')::text, ('[]'::jsonb || '1')::text, ('1'::jsonb || '2')::text,
               ('{"a":1}'::jsonb || '[2]')::text, ('{"b":1, "aa":2}'::jsonb || '{"a":[1.50],"b":null}')::text,
               ('["a",1,"a"]'::jsonb - 'a')::text, ('[1,2,3]'::jsonb - -1)::text, ('[1,2,3]'::jsonb - 5)::text;
        -- case: json-set
        -- order: ordered
        SELECT client_id, jsonb_set(metadata, '{flags,beta}', 'false')::text, jsonb_set(metadata, '{new_key}', '"v"')::text,
               jsonb_set(metadata, '{tenant,regions,5}', '1')::text, jsonb_set(metadata, '{tenant,regions,-9}', '{"x":1}')::text,
               jsonb_set(metadata, '{tenant,zz}', '2', false)::text, jsonb_set(metadata, '{a,b}', '2')::text
        FROM oauth_clients ORDER BY client_id;
        """)
    }

    @Test func refusals() throws {
        try run("""
        -- case: json-runtime-cast
        -- refuse: unsupported-cast normalizes the JSON
        SELECT client_id::jsonb FROM oauth_clients;
        -- case: json-dynamic-containment
        -- refuse: unsupported-json contained side is a constant
        SELECT a.client_id FROM oauth_clients a, oauth_clients b WHERE a.metadata @> b.metadata;
        -- case: json-pretty
        -- refuse: unsupported-function jsonb_pretty
        SELECT jsonb_pretty(metadata) FROM oauth_clients;
        -- case: json-quote-key
        -- refuse: unsupported-json double quote
        SELECT metadata->'a"b' FROM oauth_clients;
        -- case: json-plain-question
        -- refuse: unsupported-json only jsonb
        SELECT details ? 'x' FROM audit_events;
        -- case: json-invalid-literal
        -- refuse: invalid-literal jsonb
        SELECT '{"a":01}'::jsonb;
        """)
    }

    @Test func canonicalLiterals() throws {
        func canonical(_ text: String) throws -> String {
            try JSONDocumentParser.parse(text, rejectNUL: true).canonical().compactText
        }
        #expect(try canonical(#"{"b":1,"a":2,"aa":3,"a":4}"#) == #"{"a":4,"b":1,"aa":3}"#)
        #expect(try canonical("[1e100, 1.0E2, -0, -0.0, 0e5, 0.0e-3, 100e-2, 1.50, -1.5E-7]")
                == "[1" + String(repeating: "0", count: 100) + ",100,0,0.0,0,0.0000,1.00,1.50,-0.00000015]")
        #expect(try canonical(#""\u00e9\ud83d\udd10\/\b\u0001""#) == "\"é🔐/\\b\\u0001\"")
        #expect(throws: (any Error).self) { try canonical(#""\u0000""#) }
        #expect(throws: (any Error).self) { try canonical("[1,]") }
        #expect(TextArrayLiteral.parse(#"{a, "b c" ,NULL,"NULL"}"#) == ["a", "b c", nil, "NULL"])
    }

    @Test func objectAggregates() throws {
        try run("""
        -- case: jsonb-object-agg-last-wins-in-key-order
        -- order: ordered
        SELECT jsonb_object_agg(k, v ORDER BY n)::text AS ordered, jsonb_object_agg(k, v ORDER BY n DESC)::text AS reversed,
               jsonb_object_agg(n, k ORDER BY n) FILTER (WHERE n > 1) AS filtered, json_object_agg(k, v ORDER BY n DESC) AS plain,
               jsonb_object_agg(k, v) FILTER (WHERE k <> 'b') AS unordered_unique
        FROM (VALUES (1, 'b', 1), (2, 'a', 2), (3, 'b', 3), (4, 'aa', NULL), (5, 'é', 5), (6, 'a"q', 6)) AS t(n, k, v);
        -- case: jsonb-object-agg-groups
        -- order: ordered
        SELECT is_active, jsonb_object_agg(scope_name, is_default)::text AS defaults,
               json_object_agg(scope_name, is_default ORDER BY scope_name) AS in_order
        FROM oauth_scopes GROUP BY is_active ORDER BY is_active;
        -- case: jsonb-object-agg-no-rows
        -- order: ordered
        SELECT jsonb_object_agg(scope_name, is_default) AS none, json_object_agg(scope_name, 1) AS none_json,
               count(*) AS n FROM oauth_scopes WHERE false;
        -- case: json-aggregates-inside-json-functions
        -- order: ordered
        SELECT jsonb_agg(scope_name ORDER BY scope_name)::text AS names, jsonb_typeof(jsonb_agg(scope_name)) AS kind,
               jsonb_object_agg(scope_name, is_default)->>'email' AS email_default,
               jsonb_array_length(jsonb_agg(scope_name) || '[1]') AS extended,
               (jsonb_object_agg(scope_name, is_default) || '{"zz": 0}')::text AS merged,
               jsonb_strip_nulls(jsonb_object_agg(scope_name, NULLIF(is_default, false)))::text AS defaults_only,
               jsonb_agg(scope_name) @> '["email"]' AS contains, jsonb_object_agg(scope_name, 1) ? 'email' AS has_key,
               jsonb_object_agg(scope_name, 1) ?| '{email,x}' AS has_any, jsonb_agg(scope_name) = '[]' AS empty,
               json_object_agg(scope_name, is_default)->>'email' AS json_key
        FROM oauth_scopes;
        -- case: jsonb-object-agg-distinct
        -- refuse: unsupported-function DISTINCT
        SELECT jsonb_object_agg(DISTINCT scope_name, is_default) FROM oauth_scopes;
        """)
    }

    @Test func setFunctionsAsText() throws {
        try run("""
        -- case: jsonb-each-text-nested
        -- order: ordered
        SELECT t.key, t.value, e.value AS element
        FROM jsonb_each_text('{"n": {"b": [1, 2.50], "a": "x, y: z"}, "s": "q\\"uote", "z": null, "num": 1.50, "arr": [{"k": "v, w"}], "t": true}') AS t
        JOIN jsonb_each('{"n": {"b": [1, 2.50], "a": "x, y: z"}, "s": "q\\"uote", "z": null, "num": 1.50, "arr": [{"k": "v, w"}], "t": true}') AS e
          ON e.key = t.key
        ORDER BY t.key;
        -- case: jsonb-array-elements-text-nested
        -- order: ordered
        SELECT t.value, t.n FROM jsonb_array_elements_text('[{"a": [1, {"b": null}]}, [], {}, "x", 2.0, true, null]') WITH ORDINALITY AS t(value, n)
        ORDER BY t.n;
        -- case: json-each-text-duplicate-containers
        -- order: ordered
        SELECT t.key, t.value FROM json_each_text('{"a":{"x":1},"a":[2],"b":true,"c":"s"}') AS t ORDER BY 1, 2;
        -- case: json-each-duplicate-number-stops
        -- order: unordered
        -- runtime-error: not addressable
        SELECT t.key, t.value FROM json_each('{"n":1,"n":2.50}') AS t;
        -- case: jsonb-each-quoted-key-number-stops
        -- order: unordered
        -- runtime-error: not addressable
        SELECT t.key, t.value FROM jsonb_each_text('{"a\\"b": 1.50}') AS t;
        -- case: json-set-function-in-select-list
        -- refuse: unsupported-function move it to FROM
        SELECT jsonb_each_text(address) FROM users;
        """)
    }

    @Test func containersKeepTheirOrder() throws {
        try run("""
        -- case: jsonb-merge-and-delete-order
        -- order: ordered
        SELECT (metadata || '{"zz": 1, "a": [3, 2, 1], "spa": false}')::text AS merged,
               ('["c", "a", "b", "a", 1, "a"]'::jsonb - 'a')::text AS deleted,
               to_jsonb(contacts)::text AS contacts_json, jsonb_set(metadata, '{new_key}', '"v"')::text AS added
        FROM oauth_clients ORDER BY client_id;
        """)
    }
}
