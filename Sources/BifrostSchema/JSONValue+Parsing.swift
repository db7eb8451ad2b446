/// A small, fast JSON reader for parse trees: `JSONDecoder` through `Codable` is an order of
/// magnitude slower on the deeply nested objects libpg_query produces.
extension JSONValue {
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let offset: Int
        public let message: String

        public var description: String { "invalid JSON at byte \(offset): \(message)" }
    }

    public static func parse(_ text: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            let value = try reader.value()
            reader.skipWhitespace()
            guard reader.offset == bytes.count else { throw reader.failure("trailing characters") }
            return value
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        func failure(_ message: String) -> ParseError {
            ParseError(offset: offset, message: message)
        }

        mutating func skipWhitespace() {
            while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
        }

        mutating func value() throws -> JSONValue {
            skipWhitespace()
            guard offset < bytes.count else { throw failure("unexpected end") }
            switch bytes[offset] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: String) throws {
            for byte in word.utf8 {
                guard offset < bytes.count, bytes[offset] == byte else { throw failure("expected \(word)") }
                offset += 1
            }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == byte else {
                throw failure("expected \(Character(Unicode.Scalar(byte)))")
            }
            offset += 1
        }

        /// True (and consumes it) when the next non-blank byte is `byte`.
        mutating func take(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == byte else { return false }
            offset += 1
            return true
        }

        mutating func object() throws -> JSONValue {
            try expect(UInt8(ascii: "{"))
            var members: [String: JSONValue] = [:]
            if take(UInt8(ascii: "}")) { return .object(members) }
            repeat {
                skipWhitespace()
                let key = try string()
                try expect(UInt8(ascii: ":"))
                members[key] = try value()
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
            return .object(members)
        }

        mutating func array() throws -> JSONValue {
            try expect(UInt8(ascii: "["))
            var elements: [JSONValue] = []
            if take(UInt8(ascii: "]")) { return .array(elements) }
            repeat {
                elements.append(try value())
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"))
            return .array(elements)
        }

        mutating func number() throws -> Double {
            let start = offset
            while offset < bytes.count, "+-0123456789.eE".utf8.contains(bytes[offset]) { offset += 1 }
            guard offset > start, let number = Double(String(decoding: bytes[start..<offset], as: UTF8.self)) else {
                throw failure("expected a value")
            }
            return number
        }

        mutating func string() throws -> String {
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw failure("expected a string") }
            offset += 1
            var utf8: [UInt8] = []
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: utf8, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard offset < bytes.count else { throw failure("unfinished escape") }
                    let escaped = bytes[offset]
                    offset += 1
                    switch escaped {
                    case UInt8(ascii: "n"): utf8.append(0x0A)
                    case UInt8(ascii: "t"): utf8.append(0x09)
                    case UInt8(ascii: "r"): utf8.append(0x0D)
                    case UInt8(ascii: "b"): utf8.append(0x08)
                    case UInt8(ascii: "f"): utf8.append(0x0C)
                    case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
                    default: utf8.append(escaped)
                    }
                default:
                    utf8.append(byte)
                }
            }
            throw failure("unterminated string")
        }

        /// The scalar of `\uXXXX` (and its low surrogate, when it is a high one) as UTF-8.
        mutating func unicodeEscape() throws -> [UInt8] {
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), offset + 1 < bytes.count,
               bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                offset += 2
                let low = try hex4()
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            return Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8)
        }

        mutating func hex4() throws -> UInt32 {
            guard offset + 4 <= bytes.count,
                  let code = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16) else {
                throw failure("bad \\u escape")
            }
            offset += 4
            return code
        }
    }
}
