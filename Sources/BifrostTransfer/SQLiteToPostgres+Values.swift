import BifrostMapping
import BifrostSQLite
import BifrostSchema

/// How a value stored by the converter goes back to PostgreSQL's text input form: the
/// inverse of one codec of `BifrostMapping` (see `CodecName`).
indirect enum StoredForm: Equatable, Sendable {
    case integer, boolean, float, numeric, text, uuid, json, date, time, bytea
    /// `withZone`: the column is timestamptz, stored in UTC without a suffix.
    case timestamp(withZone: Bool)
    /// A JSON array whose elements have the given form.
    case array(element: StoredForm)

    /// The inverse of the codec the mapping chose for `column`.
    init(codec: any ValueCodec, column: Column) throws {
        if let element = codec.arrayElementCodecName {
            let zone = column.type.element?.storage.name == "timestamptz"
            self = .array(element: try StoredForm(codecName: element, withZone: zone))
        } else {
            self = try StoredForm(codecName: codec.name, withZone: column.type.storage.name == "timestamptz")
        }
    }

    init(codecName: String, withZone: Bool) throws {
        switch codecName {
        case "integer": self = .integer
        case "boolean": self = .boolean
        case "float": self = .float
        case "numeric": self = .numeric
        case "text", "enum": self = .text
        case "uuid": self = .uuid
        case "json": self = .json
        case "timestamp": self = .timestamp(withZone: withZone)
        case "date": self = .date
        case "time": self = .time
        case "blob": self = .bytea
        default: throw StoredValueError(reason: "codec \(codecName) has no way back to PostgreSQL", hint: nil)
        }
    }
}

/// A stored value that does not have the form its column's mapping writes.
public struct StoredValueError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var hint: String?

    public var description: String { reason + (hint.map { "\n  hint: \($0)" } ?? "") }
}

extension StoredForm {
    /// The value in PostgreSQL's text input form; `nil` for NULL.
    func postgresText(_ value: SQLiteValue) throws -> String? {
        switch (self, value) {
        case (_, .null): return nil
        case let (.array(element), .text(json)): return try Self.arrayLiteral(json, element: element)
        case (.array, _): throw mismatch(value, expected: "TEXT holding a JSON array")
        case let (.integer, .integer(number)): return String(number)
        case (.integer, _): throw mismatch(value, expected: "an INTEGER")
        case let (.boolean, .integer(number)) where number == 0 || number == 1: return number == 1 ? "t" : "f"
        case (.boolean, _): throw mismatch(value, expected: "INTEGER 0 or 1")
        case let (.float, .real(number)): return Self.floatText(number)
        case let (.float, .integer(number)): return String(number)
        case let (.float, .text(text)) where ["NaN", "Infinity", "-Infinity"].contains(text): return text
        case (.float, _): throw mismatch(value, expected: "a REAL, or the text NaN")
        case let (.numeric, .integer(number)): return String(number)
        case let (.numeric, .real(number)) where number.isFinite: return "\(number)"
        case let (.numeric, .text(text)): return try Self.checkedText(text)
        case (.numeric, _): throw mismatch(value, expected: "an INTEGER, a REAL or decimal TEXT")
        case let (.uuid, .text(text)):
            guard Self.isUUID(text) else { throw mismatch(value, expected: "a UUID as 8-4-4-4-12 hexadecimal digits") }
            return text
        case (.uuid, _): throw mismatch(value, expected: "TEXT holding a UUID")
        case let (.bytea, .blob(bytes)): return Self.hex(bytes)
        case let (.bytea, .text(text)): return Self.hex(Array(text.utf8))
        case (.bytea, _): throw mismatch(value, expected: "a BLOB")
        case let (.timestamp(withZone), .text(text)): return withZone ? Self.utc(text) : try Self.checkedText(text)
        case let (.text, .integer(number)): return String(number)
        case let (.text, .real(number)): return Self.floatText(number)
        case let (_, .text(text)): return try Self.checkedText(text)
        case (_, _): throw mismatch(value, expected: "TEXT")
        }
    }

    private func mismatch(_ value: SQLiteValue, expected: String) -> StoredValueError {
        StoredValueError(
            reason: "stored as \(value.storageClass) where \(expected) is expected for this column",
            hint: "correct the value in the SQLite file (a file written by `bifrost convert` always holds that form)")
    }

    static func checkedText(_ text: String) throws -> String {
        guard !text.utf8.contains(0) else {
            throw StoredValueError(reason: "text holds a NUL byte, which PostgreSQL text cannot hold",
                                   hint: "remove the NUL byte, or store the value as a BLOB in a bytea column")
        }
        return text
    }

    /// Shortest round-trip digits; PostgreSQL's spellings for NaN and the infinities.
    static func floatText(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "Infinity" : "-Infinity" }
        return "\(number)"
    }

    /// A timestamp stored in UTC, marked as UTC (`+00` before a ` BC` suffix).
    static func utc(_ text: String) -> String {
        if text == "infinity" || text == "-infinity" { return text }
        if text.hasSuffix(" BC") { return String(text.dropLast(3)) + "+00 BC" }
        return text + "+00"
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        output.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (offset, byte) in bytes.enumerated() {
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                if byte != UInt8(ascii: "-") { return false }
            } else if !(byte >= 0x30 && byte <= 0x39 || byte >= 0x61 && byte <= 0x66 || byte >= 0x41 && byte <= 0x46) {
                return false
            }
        }
        return true
    }

    /// A stored JSON array as a PostgreSQL array literal, every element quoted.
    static func arrayLiteral(_ json: String, element: StoredForm) throws -> String {
        let node: StoredJSON
        do {
            node = try StoredJSON.parse(json, rawElements: element == .json)
        } catch {
            throw StoredValueError(reason: "not a JSON array: \(error)", hint: "the column holds arrays as JSON text, e.g. [\"a\",null]")
        }
        guard case .array = node else {
            throw StoredValueError(reason: "JSON \(json.prefix(40)) is not an array", hint: "the column holds arrays as JSON text, e.g. [\"a\",null]")
        }
        var output = ""
        try append(node, element: element, to: &output)
        return output
    }

    private static func append(_ node: StoredJSON, element: StoredForm, to output: inout String) throws {
        switch node {
        case let .array(items):
            output += "{"
            for (position, item) in items.enumerated() {
                if position > 0 { output += "," }
                try append(item, element: element, to: &output)
            }
            output += "}"
        case .null:
            output += "NULL"
        case let .string(text):
            let value: String = switch element {
            case .timestamp(withZone: true): utc(text)
            case .integer, .boolean, .json:
                throw StoredValueError(reason: "array element \"\(text.prefix(40))\" is a JSON string where a \(element) is expected", hint: nil)
            default: try checkedText(text)
            }
            quote(value, to: &output)
        case let .raw(text):
            let value: String
            switch element {
            case .boolean:
                guard text == "true" || text == "false" else {
                    throw StoredValueError(reason: "array element \(text.prefix(40)) is not true or false", hint: nil)
                }
                value = text == "true" ? "t" : "f"
            case .integer, .float, .numeric, .json:
                value = text
            default:
                throw StoredValueError(reason: "array element \(text.prefix(40)) is not a JSON string", hint: nil)
            }
            quote(value, to: &output)
        }
    }

    /// An array element in double quotes, `"` and `\` escaped (`"NULL"` stays a string).
    private static func quote(_ value: String, to output: inout String) {
        output += "\""
        for character in value {
            if character == "\"" || character == "\\" { output += "\\" }
            output.append(character)
        }
        output += "\""
    }
}

/// COPY text-format escaping of one field: backslash, newline, carriage return, tab.
func appendCopyField(_ text: String?, to writer: inout [UInt8]) {
    guard let text else {
        writer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
        return
    }
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "\\"): writer.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: writer.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: writer.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: writer.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        default: writer.append(byte)
        }
    }
}
