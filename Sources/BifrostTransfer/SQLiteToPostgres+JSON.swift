/// A JSON array as the converter stores array columns: strings decoded, numbers and
/// literals kept as their exact text (a numeric's digits must not pass through a double).
indirect enum StoredJSON: Equatable {
    case null
    case string(String)
    /// A number, `true`/`false`, or (for json[] elements) any JSON value, as written.
    case raw(String)
    case array([StoredJSON])

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses the UTF-8 `text`; with `rawElements` the top-level array's elements are kept whole as
    /// JSON text (json[] elements are JSON values themselves, arrays included).
    static func parse(_ text: [UInt8], rawElements: Bool) throws -> StoredJSON {
        var parser = Parser(bytes: text)
        parser.skipSpace()
        let value = try parser.value(rawDepth: rawElements ? 1 : nil)
        parser.skipSpace()
        guard parser.position == parser.bytes.count else { throw ParseError(description: "text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        /// `rawDepth`: nesting level at which values are captured whole (0 = this one).
        mutating func value(rawDepth: Int?) throws -> StoredJSON {
            guard position < bytes.count else { throw ParseError(description: "unexpected end") }
            if rawDepth == 0 {
                let start = position
                if bytes[position] == UInt8(ascii: "n") {
                    try literal("null")
                    return .null
                }
                try skipValue()
                return .raw(String(decoding: bytes[start..<position], as: UTF8.self))
            }
            switch bytes[position] {
            case UInt8(ascii: "["):
                position += 1
                var items: [StoredJSON] = []
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                }
                while true {
                    skipSpace()
                    items.append(try value(rawDepth: rawDepth.map { $0 - 1 }))
                    skipSpace()
                    guard position < bytes.count else { throw ParseError(description: "unterminated array") }
                    let separator = bytes[position]
                    position += 1
                    if separator == UInt8(ascii: "]") { return .array(items) }
                    guard separator == UInt8(ascii: ",") else { throw ParseError(description: "expected , or ] at byte \(position)") }
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            case UInt8(ascii: "t"):
                try literal("true")
                return .raw("true")
            case UInt8(ascii: "f"):
                try literal("false")
                return .raw("false")
            case UInt8(ascii: "{"):
                let start = position
                try skipValue()
                return .raw(String(decoding: bytes[start..<position], as: UTF8.self))
            default:
                let start = position
                while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
                guard position > start else { throw ParseError(description: "unexpected byte at \(position)") }
                return .raw(String(decoding: bytes[start..<position], as: UTF8.self))
            }
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard position + expected.count <= bytes.count, Array(bytes[position..<position + expected.count]) == expected else {
                throw ParseError(description: "expected \(word) at byte \(position)")
            }
            position += expected.count
        }

        /// Skips one JSON value of any kind (strings, nesting) without decoding it.
        mutating func skipValue() throws {
            var depth = 0
            repeat {
                guard position < bytes.count else { throw ParseError(description: "unexpected end") }
                switch bytes[position] {
                case UInt8(ascii: "\""): _ = try string()
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    position += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    position += 1
                default:
                    if depth == 0 {
                        while position < bytes.count, !",]} \t\r\n".utf8.contains(bytes[position]) { position += 1 }
                    } else {
                        position += 1
                    }
                }
            } while depth > 0
        }

        mutating func string() throws -> String {
            position += 1
            var output: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: output, as: UTF8.self) }
                guard byte == UInt8(ascii: "\\") else {
                    output.append(byte)
                    continue
                }
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
                       bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        position += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw ParseError(description: "invalid \\u escape") }
                    output.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: output.append(escape)
                }
            }
            throw ParseError(description: "unterminated string")
        }

        mutating func hex4() throws -> UInt32 {
            guard position + 4 <= bytes.count,
                  let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
                throw ParseError(description: "invalid \\u escape")
            }
            position += 4
            return value
        }
    }
}
