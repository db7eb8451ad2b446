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
    /// Appends the value in PostgreSQL's text input form (not yet COPY-escaped) to `text`,
    /// read straight from SQLite's column; `false` for NULL, which appends nothing.
    func appendText(_ value: SQLiteBorrowedValue, to text: inout [UInt8]) throws -> Bool {
        switch (self, value) {
        case (_, .null): return false
        case let (.array(element), .text(json)): try Self.appendArrayLiteral(json, element: element, to: &text)
        case (.array, _): throw mismatch(value, expected: "TEXT holding a JSON array")
        case let (.integer, .integer(number)): ByteText.appendDecimal(number, to: &text)
        case (.integer, _): throw mismatch(value, expected: "an INTEGER")
        case let (.boolean, .integer(number)) where number == 0 || number == 1:
            text.append(number == 1 ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        case (.boolean, _): throw mismatch(value, expected: "INTEGER 0 or 1")
        case let (.float, .real(number)): Self.appendFloat(number, to: &text)
        case let (.float, .integer(number)): ByteText.appendDecimal(number, to: &text)
        case let (.float, .text(word)) where Self.floatWords.contains(where: word.elementsEqual):
            text.append(contentsOf: word)
        case (.float, _): throw mismatch(value, expected: "a REAL, or the text NaN")
        case let (.numeric, .integer(number)): ByteText.appendDecimal(number, to: &text)
        case let (.numeric, .real(number)) where number.isFinite: Self.appendFloat(number, to: &text)
        case let (.numeric, .text(digits)): text.append(contentsOf: digits)
        case (.numeric, _): throw mismatch(value, expected: "an INTEGER, a REAL or decimal TEXT")
        case let (.uuid, .text(uuid)):
            guard Self.isUUID(uuid) else { throw mismatch(value, expected: "a UUID as 8-4-4-4-12 hexadecimal digits") }
            text.append(contentsOf: uuid)
        case (.uuid, _): throw mismatch(value, expected: "TEXT holding a UUID")
        case let (.bytea, .blob(bytes)), let (.bytea, .text(bytes)): Self.appendHex(bytes, to: &text)
        case (.bytea, _): throw mismatch(value, expected: "a BLOB")
        case let (.timestamp(withZone: true), .text(stamp)): Self.appendUTC(stamp, to: &text)
        case let (.text, .integer(number)): ByteText.appendDecimal(number, to: &text)
        case let (.text, .real(number)): Self.appendFloat(number, to: &text)
        case let (_, .text(bytes)): text.append(contentsOf: bytes)
        case (_, _): throw mismatch(value, expected: "TEXT")
        }
        return true
    }

    private func mismatch(_ value: SQLiteBorrowedValue, expected: String) -> StoredValueError {
        let storageClass = switch value {
        case .null: "null"
        case .integer: "integer"
        case .real: "real"
        case .text: "text"
        case .blob: "blob"
        }
        return StoredValueError(
            reason: "stored as \(storageClass) where \(expected) is expected for this column",
            hint: "correct the value in the SQLite file (a file written by `bifrost convert` always holds that form)")
    }

    /// The texts a float column holds for values SQLite cannot store as REAL.
    private static let floatWords: [[UInt8]] = ["NaN", "Infinity", "-Infinity"].map { Array($0.utf8) }

    /// Shortest round-trip digits; PostgreSQL's spellings for NaN and the infinities.
    static func appendFloat(_ number: Double, to text: inout [UInt8]) {
        if number.isNaN {
            text.append(contentsOf: "NaN".utf8)
        } else if number.isInfinite {
            text.append(contentsOf: (number > 0 ? "Infinity" : "-Infinity").utf8)
        } else {
            var digits = number.description
            digits.withUTF8 { text.append(contentsOf: $0) }
        }
    }

    /// A timestamp stored in UTC, marked as UTC (`+00` before a ` BC` suffix).
    static func appendUTC(_ stamp: UnsafeRawBufferPointer, to text: inout [UInt8]) {
        if stamp.elementsEqual("infinity".utf8) || stamp.elementsEqual("-infinity".utf8) {
            text.append(contentsOf: stamp)
        } else if stamp.count >= 3, stamp[(stamp.count - 3)...].elementsEqual(" BC".utf8) {
            text.append(contentsOf: stamp[..<(stamp.count - 3)])
            text.append(contentsOf: "+00 BC".utf8)
        } else {
            text.append(contentsOf: stamp)
            text.append(contentsOf: "+00".utf8)
        }
    }

    /// bytea's hex form, `\x` and two lowercase digits a byte.
    static func appendHex(_ bytes: UnsafeRawBufferPointer, to text: inout [UInt8]) {
        text.append(UInt8(ascii: "\\"))
        text.append(UInt8(ascii: "x"))
        ByteText.appendHex(bytes, to: &text)
    }

    /// 8-4-4-4-12 hexadecimal digits (either case).
    static func isUUID(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 36 else { return false }
        for position in 0..<36 {
            let byte = bytes[position]
            if position == 8 || position == 13 || position == 18 || position == 23 {
                if byte != UInt8(ascii: "-") { return false }
            } else if !isHexDigit[Int(byte)] {
                return false
            }
        }
        return true
    }

    private static let isHexDigit: [Bool] = (0...255).map { byte in
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
