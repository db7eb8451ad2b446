import CPGQuery

/// A syntax error reported by PostgreSQL's own parser, with its place in the source.
public struct ParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// 1-based line and column of the offending token.
    public var line: Int
    public var column: Int
    /// 0-based UTF-8 byte offset of the offending token, as libpg_query reports it.
    public var byteOffset: Int

    public var description: String {
        "syntax error at line \(line), column \(column): \(message)"
    }
}

/// PostgreSQL's grammar through libpg_query.
public enum PGQuery {
    /// Parses SQL and returns libpg_query's JSON parse tree (`{"version":…,"stmts":[…]}`).
    public static func parseToJSON(_ sql: String) throws -> String {
        let result = pg_query_parse(sql)
        defer { pg_query_free_parse_result(result) }
        if let error = result.error {
            throw parseError(error.pointee, in: sql)
        }
        return String(cString: result.parse_tree)
    }

    /// Splits a script into statements using the parser; returns each statement's source text.
    public static func splitStatements(_ sql: String) throws -> [String] {
        let result = pg_query_split_with_parser(sql)
        defer { pg_query_free_split_result(result) }
        if let error = result.error {
            throw parseError(error.pointee, in: sql)
        }
        let bytes = Array(sql.utf8)
        return (0..<Int(result.n_stmts)).compactMap { index in
            guard let statement = result.stmts[index]?.pointee else { return nil }
            let start = Int(statement.stmt_location)
            let end = min(bytes.count, start + Int(statement.stmt_len))
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }

    private static func parseError(_ error: PgQueryError, in sql: String) -> ParseError {
        let message = error.message.map { String(cString: $0) } ?? "unknown parse error"
        // cursorpos is 1-based; 0 means "no position".
        let offset = max(0, Int(error.cursorpos) - 1)
        let (line, column) = lineAndColumn(ofByteOffset: offset, in: sql)
        return ParseError(message: message, line: line, column: column, byteOffset: offset)
    }

    /// 1-based line and column (in characters) of a UTF-8 byte offset.
    static func lineAndColumn(ofByteOffset offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        var consumed = 0
        for character in text {
            if consumed >= offset { break }
            consumed += character.utf8.count
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}

extension PGQuery {
    /// Parses `CREATE FUNCTION … LANGUAGE plpgsql` statements and returns libpg_query's JSON for
    /// their PL/pgSQL bodies (a list of `{"PLpgSQL_function": …}`). Expressions inside stay SQL
    /// text (`PLpgSQL_expr.query`), to be parsed with `parseToJSON`.
    public static func parsePlpgsqlToJSON(_ sql: String) throws -> String {
        let result = pg_query_parse_plpgsql(sql)
        defer { pg_query_free_plpgsql_parse_result(result) }
        if let error = result.error {
            throw parseError(error.pointee, in: sql)
        }
        return String(cString: result.plpgsql_funcs)
    }

    /// A token of PostgreSQL's scanner: its byte range and its kind (`pg_query.proto`'s `Token`).
    public struct ScanToken: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var kind: Int
        /// `:=` (PL/pgSQL assignments, named arguments).
        public static let colonEquals = 270
    }

    /// The tokens of `sql` as PostgreSQL's scanner reads them (comments included).
    public static func scan(_ sql: String) throws -> [ScanToken] {
        let result = pg_query_scan(sql)
        defer { pg_query_free_scan_result(result) }
        if let error = result.error {
            throw parseError(error.pointee, in: sql)
        }
        let buffer = UnsafeRawBufferPointer(start: result.pbuf.data, count: Int(result.pbuf.len))
        var reader = ProtobufReader(bytes: buffer)
        var tokens: [ScanToken] = []
        while let (field, value) = reader.next() {
            guard field == 2, case let .bytes(message) = value else { continue }
            var tokenReader = ProtobufReader(bytes: message)
            var token = ScanToken(start: 0, end: 0, kind: 0)
            while let (tokenField, tokenValue) = tokenReader.next() {
                guard case let .varint(number) = tokenValue else { continue }
                switch tokenField {
                case 1: token.start = Int(number)
                case 2: token.end = Int(number)
                case 4: token.kind = Int(number)
                default: break
                }
            }
            tokens.append(token)
        }
        return tokens
    }
}

/// Just enough of the protobuf wire format to read libpg_query's scan result.
private struct ProtobufReader {
    enum Value {
        case varint(UInt64)
        case bytes(UnsafeRawBufferPointer)
    }

    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    /// The next field number and value; nil at the end (or on a wire type it does not read).
    mutating func next() -> (Int, Value)? {
        guard let key = varint() else { return nil }
        switch key & 7 {
        case 0:
            guard let value = varint() else { return nil }
            return (Int(key >> 3), .varint(value))
        case 2:
            guard let length = varint(), offset + Int(length) <= bytes.count else { return nil }
            let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(length)])
            offset += Int(length)
            return (Int(key >> 3), .bytes(slice))
        case 5:
            offset += 4
            return next()
        case 1:
            offset += 8
            return next()
        default:
            return nil
        }
    }
}
