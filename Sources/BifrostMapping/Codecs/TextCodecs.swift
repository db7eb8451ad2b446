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

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        batch.appendText(value)
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

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        batch.appendText(value)
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        appendJSONString(value, to: &output)
    }
}

/// uuid → TEXT, lowercase 8-4-4-4-12.
struct UUIDCodec: ValueCodec {
    let name = "uuid"
    let declaredType = "TEXT"

    /// Appends the 36 characters of the canonical form.
    func appendFormatted(_ value: UnsafeRawBufferPointer, to text: inout [UInt8]) throws {
        guard value.count == 16 else { throw ValueError.malformed("a uuid of \(value.count) bytes") }
        for (offset, byte) in value.enumerated() {
            if offset == 4 || offset == 6 || offset == 8 || offset == 10 { text.append(UInt8(ascii: "-")) }
            text.append(ByteText.hexDigit(byte >> 4))
            text.append(ByteText.hexDigit(byte & 0xF))
        }
    }

    func check(column quotedName: String) -> String? {
        "length(\(quotedName)) = 36"
    }

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        try batch.appendText { try appendFormatted(value, to: &$0) }
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        output.append(UInt8(ascii: "\""))
        try appendFormatted(value, to: &output)
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

    /// Appends the JSON text without insignificant whitespace.
    func appendCompact(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        var body = value
        if isJSONB {
            guard value.first == 1 else {
                throw ValueError.malformed("jsonb version \(value.first.map(String.init) ?? "missing")")
            }
            body = UnsafeRawBufferPointer(rebasing: value.dropFirst())
        }
        JSONText.compact(body, to: &output)
    }

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        try batch.appendText { try appendCompact(value, to: &$0) }
    }

    /// As an array element. A JSON `null` element is refused: in the stored JSON array it
    /// would be the same `null` as a NULL element, and the difference would be lost.
    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        let start = output.count
        try appendCompact(value, to: &output)
        if output[start...].elementsEqual("null".utf8) {
            output.removeSubrange(start...)
            throw ValueError.notRepresentable(
                reason: "a json/jsonb array holding the JSON value null: stored as a JSON array it reads back as a NULL element",
                hint: "map the column to text (its PostgreSQL text form keeps the difference), e.g. `column schema.table.column -> text` in a mapping file")
        }
    }
}

/// bytea → BLOB.
struct BlobCodec: ValueCodec {
    let name = "blob"
    let declaredType = "BLOB"

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        batch.appendBlob(value)
    }

    /// As an array element: PostgreSQL's hex text form, `\x00ff`.
    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        output.append(contentsOf: Array("\"\\\\x".utf8))
        ByteText.appendHex(value, to: &output)
        output.append(UInt8(ascii: "\""))
    }
}

/// Removes whitespace outside strings from valid JSON text; everything else is kept byte
/// for byte (number spellings, key order, duplicate keys).
public enum JSONText {
    public static func compact(_ json: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(json.count)
        compact(json, to: &output)
        return output
    }

    /// Appends `json` without whitespace outside strings to `output`.
    public static func compact(_ json: UnsafeRawBufferPointer, to output: inout [UInt8]) {
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
