import BifrostSQLite

/// Appends `text` (UTF-8 bytes) as a JSON string with the escapes JSON requires.
func appendJSONString(_ utf8: UnsafeRawBufferPointer, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    for byte in utf8 {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        default: output.append(byte)
        }
    }
    output.append(UInt8(ascii: "\""))
}

func appendJSONString(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { appendJSONString(UnsafeRawBufferPointer($0), to: &output) }
}

/// `text` as a JSON string exactly as the converter stores strings inside JSON arrays, for
/// code that must produce the same stored form (the SQL translator's array constants).
public func storedJSONString(_ text: String) -> String {
    var output: [UInt8] = []
    appendJSONString(text, to: &output)
    return String(decoding: output, as: UTF8.self)
}

/// Any value in PostgreSQL's text form → TEXT. Types whose binary form is their text
/// (text, varchar, char, name, enums …) are read as is; others are cast to text by the
/// COPY query.
struct TextCodec: ValueCodec {
    let name = "text"
    let declaredType = "TEXT"

    func bind(_ value: UnsafeRawBufferPointer, to statement: SQLiteStatement, at index: Int) throws {
        try statement.bindText(value.assumingMemoryBound(to: UInt8.self), at: index)
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        appendJSONString(value, to: &output)
    }
}

/// enum → TEXT holding the label, checked against the labels.
struct EnumCodec: ValueCodec {
    let name = "enum"
    let declaredType = "TEXT"
    let labels: [String]

    func check(column quotedName: String) -> String? {
        guard !labels.isEmpty else { return nil }
        let list = labels.map(SQLiteLiteral.text).joined(separator: ", ")
        return "\(quotedName) IN (\(list))"
    }

    func bind(_ value: UnsafeRawBufferPointer, to statement: SQLiteStatement, at index: Int) throws {
        try TextCodec().bind(value, to: statement, at: index)
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        appendJSONString(value, to: &output)
    }
}

/// uuid → TEXT, lowercase 8-4-4-4-12.
struct UUIDCodec: ValueCodec {
    let name = "uuid"
    let declaredType = "TEXT"

    func format(_ value: UnsafeRawBufferPointer) throws -> [UInt8] {
        guard value.count == 16 else { throw ValueError.malformed("a uuid of \(value.count) bytes") }
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (offset, byte) in value.enumerated() {
            if offset == 4 || offset == 6 || offset == 8 || offset == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0xF)])
        }
        return text
    }

    func check(column quotedName: String) -> String? {
        "length(\(quotedName)) = 36"
    }

    func bind(_ value: UnsafeRawBufferPointer, to statement: SQLiteStatement, at index: Int) throws {
        try format(value).withUnsafeBufferPointer { try statement.bindText($0, at: index) }
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: try format(value))
        output.append(UInt8(ascii: "\""))
    }
}

/// json, jsonb → TEXT holding the JSON PostgreSQL prints, without insignificant whitespace.
struct JSONCodec: ValueCodec {
    let name = "json"
    let declaredType = "TEXT"
    /// jsonb's binary form starts with a version byte; json's is the bare text.
    let isJSONB: Bool

    func check(column quotedName: String) -> String? { "json_valid(\(quotedName))" }

    func compact(_ value: UnsafeRawBufferPointer) throws -> [UInt8] {
        var body = value
        if isJSONB {
            guard value.first == 1 else {
                throw ValueError.malformed("jsonb version \(value.first.map(String.init) ?? "missing")")
            }
            body = UnsafeRawBufferPointer(rebasing: value.dropFirst())
        }
        return JSONText.compact(body)
    }

    func bind(_ value: UnsafeRawBufferPointer, to statement: SQLiteStatement, at index: Int) throws {
        try compact(value).withUnsafeBufferPointer { try statement.bindText($0, at: index) }
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        output.append(contentsOf: try compact(value))
    }
}

/// bytea → BLOB.
struct BlobCodec: ValueCodec {
    let name = "blob"
    let declaredType = "BLOB"

    func bind(_ value: UnsafeRawBufferPointer, to statement: SQLiteStatement, at index: Int) throws {
        try statement.bindBlob(value, at: index)
    }

    /// As an array element: PostgreSQL's hex text form, `\x00ff`.
    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        let hex = Array("0123456789abcdef".utf8)
        output.append(contentsOf: Array("\"\\\\x".utf8))
        for byte in value {
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0xF)])
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// Removes whitespace outside strings from valid JSON text; everything else is kept byte
/// for byte (number spellings, key order, duplicate keys).
public enum JSONText {
    public static func compact(_ json: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(json.count)
        var inString = false
        var escaped = false
        for byte in json {
            if inString {
                output.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D: continue
                case UInt8(ascii: "\""):
                    inString = true
                    output.append(byte)
                default:
                    output.append(byte)
                }
            }
        }
        return output
    }

    public static func compact(_ json: String) -> String {
        var json = json
        let bytes = json.withUTF8 { compact(UnsafeRawBufferPointer($0)) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// SQL literals for DDL text built from the schema (never for row values: those are bound).
public enum SQLiteLiteral {
    /// A single-quoted string literal with embedded quotes doubled.
    public static func text(_ value: String) -> String {
        var quoted = "'"
        for character in value {
            quoted.append(character)
            if character == "'" { quoted.append("'") }
        }
        return quoted + "'"
    }
}
