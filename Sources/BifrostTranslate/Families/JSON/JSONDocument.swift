/// A JSON document parsed at translation time the way PostgreSQL's json/jsonb input parses it,
/// so literals can be turned into the exact text Bifrost stores for them.
indirect enum JSONDocument: Equatable {
    case null
    case bool(Bool)
    /// A number as written (validated against JSON's number grammar).
    case number(String)
    case string(String)
    case array([JSONDocument])
    /// Members in input order, duplicates kept (json keeps them, jsonb keeps the last).
    case object([Member])

    struct Member: Equatable {
        var key: String
        var value: JSONDocument
    }

    enum Kind: String { case object, array, string, number, boolean, null }

    var kind: Kind {
        switch self {
        case .null: return .null
        case .bool: return .boolean
        case .number: return .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    var isContainer: Bool { kind == .object || kind == .array }

    /// Whether a number occurs anywhere (jsonb compares numbers by value, not by spelling).
    var containsNumber: Bool {
        switch self {
        case .number: return true
        case let .array(items): return items.contains(where: \.containsNumber)
        case let .object(members): return members.contains { $0.value.containsNumber }
        default: return false
        }
    }

    // MARK: jsonb canonical form

    /// What PostgreSQL's jsonb makes of the document: duplicate keys removed (the last wins),
    /// keys ordered shorter first then bytewise, numbers in numeric's output form.
    /// Throws `JSONDocumentError` where jsonb input fails (numbers out of numeric's range).
    func canonical() throws -> JSONDocument {
        switch self {
        case .null, .bool, .string: return self
        case let .number(text): return .number(try JSONDocument.numericText(text))
        case let .array(items): return .array(try items.map { try $0.canonical() })
        case let .object(members):
            var latest: [String: JSONDocument] = [:]
            for member in members { latest[member.key] = try member.value.canonical() }
            return .object(latest.keys.sorted(by: JSONDocument.jsonbKeyOrder).map { Member(key: $0, value: latest[$0]!) })
        }
    }

    /// jsonb's key order: shorter UTF-8 length first, then bytewise.
    static func jsonbKeyOrder(_ left: String, _ right: String) -> Bool {
        let (l, r) = (Array(left.utf8), Array(right.utf8))
        if l.count != r.count { return l.count < r.count }
        return l.lexicographicallyPrecedes(r)
    }

    /// Compact text without insignificant whitespace, strings escaped as PostgreSQL prints them.
    var compactText: String {
        switch self {
        case .null: return "null"
        case let .bool(value): return value ? "true" : "false"
        case let .number(text): return text
        case let .string(text): return JSONDocument.quoted(text)
        case let .array(items): return "[" + items.map(\.compactText).joined(separator: ",") + "]"
        case let .object(members):
            return "{" + members.map { JSONDocument.quoted($0.key) + ":" + $0.value.compactText }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal with PostgreSQL's escapes (`escape_json`): `\"`, `\\`, `\b`, `\f`,
    /// `\n`, `\r`, `\t`, other control characters as `\u00XX`; everything else as is.
    /// SQLite's json_quote() escapes identically.
    static func quoted(_ text: String) -> String {
        "\"" + escapedContent(text) + "\""
    }

    static func escapedContent(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A JSON number as PostgreSQL's numeric prints it: the written digits scaled so that the
    /// display scale is max(0, fraction digits − exponent); no exponent, no negative zero.
    static func numericText(_ text: String) throws -> String {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(body[body.index(after: e)...].replacingOccurrences(of: "+", with: "")),
                  abs(value) <= 1000 else { throw JSONDocumentError.numericOverflow(text) }
            exponent = value
            body = body[..<e]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = String(parts[0]) + fraction
        let power = exponent - fraction.count
        let scale = max(0, -power)
        if power > 0 { digits += String(repeating: "0", count: power) }
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        var integer = String(digits.dropLast(scale)).drop { $0 == "0" }
        if integer.isEmpty { integer = "0" }
        let decimals = String(digits.suffix(scale))
        let isZero = integer == "0" && decimals.allSatisfy { $0 == "0" }
        return (negative && !isZero ? "-" : "") + integer + (scale > 0 ? "." + decimals : "")
    }
}

enum JSONDocumentError: Error, CustomStringConvertible {
    case syntax(String)
    case numericOverflow(String)
    case unsupportedEscape

    var description: String {
        switch self {
        case let .syntax(detail): return detail
        case let .numericOverflow(number): return "number \(number) overflows numeric format"
        case .unsupportedEscape: return "unsupported Unicode escape sequence (\\u0000)"
        }
    }
}

/// A strict JSON parser with PostgreSQL's lexical rules (RFC 8259 grammar; whitespace is space,
/// tab, newline and carriage return; any top-level value; `\u0000` rejected where jsonb rejects it).
struct JSONDocumentParser {
    private let bytes: [UInt8]
    private var position = 0
    /// jsonb (and json values converted to text) cannot hold `\u0000`.
    private let rejectNUL: Bool

    static func parse(_ text: String, rejectNUL: Bool) throws -> JSONDocument {
        var parser = JSONDocumentParser(bytes: Array(text.utf8), rejectNUL: rejectNUL)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == parser.bytes.count else { throw parser.failure("trailing characters") }
        return value
    }

    private init(bytes: [UInt8], rejectNUL: Bool) {
        self.bytes = bytes
        self.rejectNUL = rejectNUL
    }

    private func failure(_ what: String) -> JSONDocumentError {
        .syntax("\(what) at byte \(position)")
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private mutating func expect(_ word: String) throws {
        let expected = Array(word.utf8)
        guard position + expected.count <= bytes.count, Array(bytes[position..<position + expected.count]) == expected else {
            throw failure("invalid token")
        }
        position += expected.count
    }

    private mutating func value(depth: Int) throws -> JSONDocument {
        guard depth < 6400 else { throw failure("nesting too deep") }
        switch current {
        case UInt8(ascii: "{")?: return try object(depth: depth)
        case UInt8(ascii: "[")?: return try array(depth: depth)
        case UInt8(ascii: "\"")?: return .string(try string())
        case UInt8(ascii: "t")?: try expect("true"); return .bool(true)
        case UInt8(ascii: "f")?: try expect("false"); return .bool(false)
        case UInt8(ascii: "n")?: try expect("null"); return .null
        case _?: return .number(try number())
        case nil: throw failure("unexpected end of input")
        }
    }

    private mutating func object(depth: Int) throws -> JSONDocument {
        position += 1
        skipWhitespace()
        var members: [JSONDocument.Member] = []
        if current == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a string key") }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure("expected \":\"") }
            position += 1
            skipWhitespace()
            members.append(.init(key: key, value: try value(depth: depth + 1)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ",")?: position += 1
            case UInt8(ascii: "}")?: position += 1; return .object(members)
            default: throw failure("expected \",\" or \"}\"")
            }
        }
    }

    private mutating func array(depth: Int) throws -> JSONDocument {
        position += 1
        skipWhitespace()
        var items: [JSONDocument] = []
        if current == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ",")?: position += 1
            case UInt8(ascii: "]")?: position += 1; return .array(items)
            default: throw failure("expected \",\" or \"]\"")
            }
        }
    }

    private mutating func number() throws -> String {
        let start = position
        func digits() -> Int {
            let first = position
            while let byte = current, byte >= 0x30 && byte <= 0x39 { position += 1 }
            return position - first
        }
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
        } else if digits() == 0 {
            throw failure("invalid number")
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw failure("invalid number") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw failure("invalid number") }
        }
        if let byte = current, byte >= 0x30 && byte <= 0x39 || byte == UInt8(ascii: ".") || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
            throw failure("invalid number")
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func string() throws -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                guard let escape = current else { throw failure("unterminated string") }
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"): scalars.append(try unicodeEscape())
                default: throw failure("invalid escape")
                }
            case 0..<0x20:
                throw failure("control character in string")
            default:
                raw.append(byte)
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
            throw failure("invalid \\u escape")
        }
        position += 4
        return value
    }

    private mutating func unicodeEscape() throws -> Unicode.Scalar {
        let high = try hex4()
        if high == 0 && rejectNUL { throw JSONDocumentError.unsupportedEscape }
        if (0xD800..<0xDC00).contains(high) {
            guard position + 2 <= bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw failure("unpaired high surrogate")
            }
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid low surrogate") }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(high) else { throw failure("unpaired low surrogate") }
        return scalar
    }
}
