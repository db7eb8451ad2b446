import Foundation
import Testing
@testable import BifrostTranslate

/// encode/decode on bytea and the inet functions: each statement runs on PostgreSQL and,
/// translated, on SQLite over the converted authly fixture (through the corpus harness).
@Suite struct ByteaNetworkTests {
    private func run(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try runCorpusCases(text, file: "ByteaNetworkTests", sourceLocation: sourceLocation)
    }

    @Test func encodeAndDecode() throws {
        try run("""
        -- case: bytea-encode-columns
        -- order: ordered
        SELECT token_jti, encode(token_hash, 'hex') AS hex, encode(token_hash, 'base64') AS base64,
               decode(encode(token_hash, 'base64'), 'base64') AS round_trip, decode(encode(token_hash, 'hex'), 'HEX') AS hex_trip
        FROM tokens ORDER BY token_jti;
        -- case: bytea-base64-padding-and-lines
        -- order: ordered
        SELECT encode('\\x'::bytea, 'base64') AS empty, encode('\\x01'::bytea, 'base64') AS one,
               encode('\\x0102'::bytea, 'base64') AS two, encode('\\x010203'::bytea, 'base64') AS three,
               encode(decode(repeat('41', 57), 'hex'), 'base64') AS exactly_one_line,
               encode(decode(repeat('ff00', 100), 'hex'), 'base64') AS several_lines;
        -- case: bytea-decode-forms
        -- order: ordered
        SELECT decode('DE ad BEef', 'hex') AS hex_spaces, decode('', 'hex') AS empty_hex, decode(NULL, 'hex') AS null_hex,
               decode('QQ==QUJD', 'base64') AS after_padding, decode(' AQ I= ', 'base64') AS spaced,
               decode(encode(decode(repeat('00ff80', 40), 'hex'), 'base64'), 'base64') AS wrapped_round_trip,
               encode(NULL::bytea, 'hex') AS null_encode;
        -- case: bytea-encode-escape
        -- refuse: unsupported-function escape
        SELECT encode(token_hash, 'escape') FROM tokens;
        """)
    }

    @Test func inetFunctions() throws {
        try run("""
        -- case: inet-host-masklen-family
        -- order: ordered
        SELECT id, ip_address, host(ip_address) AS host, masklen(ip_address) AS masklen, family(ip_address) AS family,
               text(ip_address) AS text, ip_address::text AS cast_text, abbrev(ip_address) AS abbrev,
               ip_address || '' AS concatenated
        FROM audit_events ORDER BY id;
        -- case: inet-netmask
        -- refuse: unsupported-function netmask
        SELECT netmask(ip_address) FROM audit_events;
        """)
    }
}
