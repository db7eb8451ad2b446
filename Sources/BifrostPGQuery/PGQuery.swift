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
