/// One token of SQLite SQL, with its place in the source text.
struct SQLiteToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A bare word: a keyword or an unquoted identifier.
        case word
        /// `"name"`, `[name]` or `` `name` ``.
        case quotedIdentifier
        /// `'text'`, with `''` for a quote.
        case string
        /// `x'00ff'`.
        case blob
        case number
        /// `?1`, `:name`, `@name`, `$name`.
        case variable
        /// An operator or punctuation mark: `(`, `)`, `,`, `;`, `.`, `||`, `<=`, …
        case symbol
    }

    var kind: Kind
    /// The token exactly as written.
    var text: String
    /// An identifier or string without its quotes (doubled quotes made single); other
    /// tokens as written.
    var value: String
    /// UTF-8 byte offsets of the token in the source.
    var start: Int
    var end: Int

    /// A bare word equal to `keyword`, compared as SQLite compares keywords (ASCII case folded).
    func isKeyword(_ keyword: String) -> Bool {
        kind == .word && text.asciiCaseFolded == keyword.asciiCaseFolded
    }

    func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol && text == symbol
    }

    /// Whether SQLite accepts the token where a name is expected (it takes a string literal
    /// for an identifier there).
    var isName: Bool {
        kind == .word || kind == .quotedIdentifier || kind == .string
    }
}

/// Splits SQLite SQL into tokens the way SQLite's own tokenizer does, for the CREATE
/// statements `sqlite_schema` keeps: the four quoting styles, `--` and `/* */` comments
/// (dropped), numbers, blobs, variables and operators. It never fails: an unterminated
/// quote or comment runs to the end of the text.
enum SQLiteTokenizer {
    static func tokens(_ sql: String) -> [SQLiteToken] {
        let bytes = Array(sql.utf8)
        var tokens: [SQLiteToken] = []
        var position = 0

        func byte(_ offset: Int) -> UInt8? {
            offset < bytes.count ? bytes[offset] : nil
        }
        func text(_ start: Int, _ end: Int) -> String {
            String(decoding: bytes[start..<end], as: UTF8.self)
        }
        /// Reads up to the closing `quote`; a doubled closing quote stands for one when
        /// `doubled` is true. Returns the end offset and the unquoted value.
        func quoted(from start: Int, closing quote: UInt8, doubled: Bool) -> (end: Int, value: String) {
            var value: [UInt8] = []
            var offset = start + 1
            while offset < bytes.count {
                if bytes[offset] == quote {
                    if doubled, byte(offset + 1) == quote {
                        value.append(quote)
                        offset += 2
                        continue
                    }
                    return (offset + 1, String(decoding: value, as: UTF8.self))
                }
                value.append(bytes[offset])
                offset += 1
            }
            return (offset, String(decoding: value, as: UTF8.self))
        }
        func add(_ kind: SQLiteToken.Kind, _ start: Int, _ end: Int, value: String? = nil) {
            let written = text(start, end)
            tokens.append(SQLiteToken(kind: kind, text: written, value: value ?? written, start: start, end: end))
            position = end
        }

        while position < bytes.count {
            let start = position
            let current = bytes[position]
            let next = byte(position + 1)
            switch current {
            case 0x20, 0x09, 0x0A, 0x0C, 0x0D:
                position += 1
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                position += 2
                while position < bytes.count, !(bytes[position] == UInt8(ascii: "*") && byte(position + 1) == UInt8(ascii: "/")) {
                    position += 1
                }
                position = min(position + 2, bytes.count)
            case UInt8(ascii: "'"):
                let (end, value) = quoted(from: start, closing: current, doubled: true)
                add(.string, start, end, value: value)
            case UInt8(ascii: "\""), UInt8(ascii: "`"):
                let (end, value) = quoted(from: start, closing: current, doubled: true)
                add(.quotedIdentifier, start, end, value: value)
            case UInt8(ascii: "["):
                let (end, value) = quoted(from: start, closing: UInt8(ascii: "]"), doubled: false)
                add(.quotedIdentifier, start, end, value: value)
            case _ where current | 0x20 == UInt8(ascii: "x") && next == UInt8(ascii: "'"):
                let (end, _) = quoted(from: start + 1, closing: UInt8(ascii: "'"), doubled: false)
                add(.blob, start, end)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                add(.number, start, numberEnd(bytes, from: start))
            case UInt8(ascii: ".") where next.map(isDigit) == true:
                add(.number, start, numberEnd(bytes, from: start))
            case UInt8(ascii: "?"):
                var end = start + 1
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                add(.variable, start, end)
            case _ where (current == UInt8(ascii: ":") || current == UInt8(ascii: "@") || current == UInt8(ascii: "$"))
                && next.map(isIdentifierPart) == true:
                var end = start + 1
                while end < bytes.count, isIdentifierPart(bytes[end]) { end += 1 }
                add(.variable, start, end)
            case _ where isIdentifierStart(current):
                var end = start + 1
                while end < bytes.count, isIdentifierPart(bytes[end]) { end += 1 }
                add(.word, start, end)
            default:
                add(.symbol, start, start + symbolLength(bytes, at: start))
            }
        }
        return tokens
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Letters, `_` and every byte of a multi-byte UTF-8 character, as in SQLite.
    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "$")
    }

    /// The end of a number: hexadecimal `0x…`, or digits with an optional fraction and exponent.
    private static func numberEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        func at(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
        if bytes[start] == UInt8(ascii: "0"), let x = at(start + 1), x | 0x20 == UInt8(ascii: "x") {
            end = start + 2
            while let byte = at(end), byte.isHexDigit { end += 1 }
            return end
        }
        while let byte = at(end), isDigit(byte) { end += 1 }
        if at(end) == UInt8(ascii: ".") {
            end += 1
            while let byte = at(end), isDigit(byte) { end += 1 }
        }
        if let e = at(end), e | 0x20 == UInt8(ascii: "e") {
            var exponent = end + 1
            if let sign = at(exponent), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { exponent += 1 }
            if let digit = at(exponent), isDigit(digit) {
                end = exponent
                while let byte = at(end), isDigit(byte) { end += 1 }
            }
        }
        return end
    }

    /// SQLite's two- and three-character operators; everything else is one character.
    private static func symbolLength(_ bytes: [UInt8], at start: Int) -> Int {
        let rest = bytes[start..<min(start + 3, bytes.count)]
        if rest.elementsEqual("->>".utf8) { return 3 }
        for pair in ["||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->"] where rest.starts(with: pair.utf8) {
            return 2
        }
        // A multi-byte character never reaches here (it starts an identifier).
        return 1
    }
}

private extension UInt8 {
    var isHexDigit: Bool {
        (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || (self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "f"))
    }
}

extension String {
    /// The name with ASCII letters lowercased: SQLite compares identifiers and keywords
    /// case-insensitively for ASCII only (`"É"` and `"é"` are different names).
    var asciiCaseFolded: String {
        String(decoding: utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
