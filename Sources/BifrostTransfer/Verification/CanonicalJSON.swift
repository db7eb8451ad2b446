import BifrostMapping
import BifrostSchema

/// The canonical form of JSON arrays (the json-array codec): sorted object keys and numbers
/// by value, so two spellings of one document agree.
enum CanonicalJSON {
    static func append(_ value: JSONValue, to row: inout CanonicalRow) {
        switch value {
        case .null: row.append("null")
        case let .bool(flag): row.append(flag ? "true" : "false")
        case let .number(number): CanonicalNumber.appendBits(of: number, marker: UInt8(ascii: "n"), to: &row)
        case let .string(text): appendString(text, to: &row)
        case let .array(elements):
            row.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { row.append(UInt8(ascii: ",")) }
                append(element, to: &row)
            }
            row.append(UInt8(ascii: "]"))
        case let .object(members):
            row.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { row.append(UInt8(ascii: ",")) }
                appendString(key, to: &row)
                row.append(UInt8(ascii: ":"))
                append(members[key]!, to: &row)
            }
            row.append(UInt8(ascii: "}"))
        }
    }

    private static func appendString(_ text: String, to row: inout CanonicalRow) {
        row.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { row.append(UInt8(ascii: "\\")) }
            row.append(byte)
        }
        row.append(UInt8(ascii: "\""))
    }

    /// What the elements of an array column are, as far as their stored JSON goes.
    enum Element {
        case integer, float4, float8, boolean, json, timestamp, other

        init(_ storage: String?) {
            self = switch storage {
            case "int2", "int4", "int8", "numeric": .integer
            case "float4": .float4
            case "float8": .float8
            case "bool": .boolean
            case "json", "jsonb": .json
            case "timestamp", "timestamptz": .timestamp
            default: .other
            }
        }
    }

    /// An array PostgreSQL printed (`array_out`), as the JSON the column stores.
    static func fromPostgres(_ text: String, _ element: Element) throws -> JSONValue {
        try json(PostgresArrayLiteral.parse(text).value, element)
    }

    private static func json(_ literal: PostgresArrayLiteral, _ element: Element) throws -> JSONValue {
        switch literal {
        case .element(nil): .null
        case let .element(text?): try elementForm(text, element)
        case let .array(items): .array(try items.map { try json($0, element) })
        }
    }

    /// An array element PostgreSQL printed as text, as the element codec stores it inside
    /// the JSON array.
    private static func elementForm(_ text: String, _ element: Element) throws -> JSONValue {
        switch element {
        case .integer:
            return text == "NaN" || text.hasSuffix("Infinity") ? .string(text) : .number(Double(text) ?? .nan)
        case .float4, .float8:
            if text == "NaN" || text.hasSuffix("Infinity") { return .string(text) }
            return .number(element == .float4 ? Double(Float(text) ?? .nan) : Double(text) ?? .nan)
        case .boolean:
            return .bool(text == "t")
        case .json:
            return try JSONValue.parse(text)
        case .timestamp:
            var stored: [UInt8] = []
            var text = text
            text.withUTF8 { CanonicalForm.appendTimestamp(UnsafeRawBufferPointer($0), to: &stored) }
            return .string(String(decoding: stored, as: UTF8.self))
        case .other:
            return .string(text)
        }
    }
}
