/// A walk over the tokens of one CREATE statement that `sqlite_schema` keeps, picking out
/// what the pragmas do not report. SQLite has already accepted the statement, so the parser
/// is lenient: it skips what it does not need and never fails; a caller compares what it
/// found with what the pragmas say.
struct SQLiteDDLParser {
    private let source: [UInt8]
    let tokens: [SQLiteToken]
    var position = 0

    init(_ sql: String) {
        source = Array(sql.utf8)
        tokens = SQLiteTokenizer.tokens(sql)
    }

    var current: SQLiteToken? { peek(0) }

    func peek(_ offset: Int) -> SQLiteToken? {
        position + offset < tokens.count ? tokens[position + offset] : nil
    }

    /// Consumes the keywords when the next tokens are exactly these, else nothing.
    mutating func accept(_ keywords: String...) -> Bool {
        for (offset, keyword) in keywords.enumerated() where peek(offset)?.isKeyword(keyword) != true {
            return false
        }
        position += keywords.count
        return true
    }

    mutating func acceptSymbol(_ symbol: String) -> Bool {
        guard current?.isSymbol(symbol) == true else { return false }
        position += 1
        return true
    }

    /// At a name: consumes it and returns it unquoted.
    mutating func name() -> String? {
        guard let token = current, token.isName else { return nil }
        position += 1
        return token.value
    }

    /// `name` or `schema.name`: the name.
    mutating func qualifiedName() -> String? {
        guard let first = name() else { return nil }
        if current?.isSymbol(".") == true, peek(1)?.isName == true {
            position += 1
            return name()
        }
        return first
    }

    /// At `(`: moves past the matching `)` and returns the tokens between the two.
    mutating func parenthesized() -> Range<Int>? {
        guard current?.isSymbol("(") == true else { return nil }
        let inner = position + 1
        var depth = 0
        while let token = current {
            if token.isSymbol("(") {
                depth += 1
            } else if token.isSymbol(")") {
                depth -= 1
                if depth == 0 {
                    position += 1
                    return inner..<(position - 1)
                }
            }
            position += 1
        }
        return inner..<position
    }

    /// Moves past one token, or past a whole parenthesized group.
    mutating func skipTerm() {
        if parenthesized() == nil { position += 1 }
    }

    /// Moves up to the next `,` or `)` outside parentheses (not past it) and returns the
    /// tokens passed.
    mutating func skipToItemEnd() -> Range<Int> {
        let start = position
        while let token = current, !token.isSymbol(","), !token.isSymbol(")") { skipTerm() }
        return start..<position
    }

    /// At `(`: the items of a comma-separated list as token ranges; moves past the `)`.
    mutating func listItems() -> [Range<Int>]? {
        guard acceptSymbol("(") else { return nil }
        var items: [Range<Int>] = []
        while let token = current, !token.isSymbol(")") {
            if acceptSymbol(",") { continue }
            items.append(skipToItemEnd())
        }
        _ = acceptSymbol(")")
        return items
    }

    /// The tokens from here to the end of the statement (a `;` or the end of the text).
    mutating func rest() -> Range<Int> {
        let start = position
        while let token = current, !token.isSymbol(";") { position += 1 }
        return start..<position
    }

    /// The source text from the first token of `range` to the end of its last: what was
    /// written, comments inside included, without surrounding space.
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return String(decoding: source[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end], as: UTF8.self)
    }

    /// `CREATE [TEMP] [UNIQUE|VIRTUAL] <object> [IF NOT EXISTS]`.
    mutating func createPrefix(_ object: String) -> Bool {
        guard accept("CREATE") else { return false }
        _ = accept("TEMP") || accept("TEMPORARY")
        _ = accept("UNIQUE") || accept("VIRTUAL")
        guard accept(object) else { return false }
        _ = accept("IF", "NOT", "EXISTS")
        return true
    }
}
