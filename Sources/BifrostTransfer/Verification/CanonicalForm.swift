import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import Foundation

/// The text both sides of a verification reduce a value to before hashing.
///
/// The PostgreSQL side starts from PostgreSQL's own text output of the value (never from the
/// binary decoders the conversion used); the SQLite side from the stored value. A codec bug
/// therefore shows up as a mismatch instead of hiding itself.
enum CanonicalForm {
    /// Marks SQL NULL; no text value contains it.
    static let null = "\u{0}NULL"

    /// The select-list expression whose text output the PostgreSQL side reduces: the column
    /// itself, which COPY prints with the type's output function (arrays with `array_out`,
    /// whose elements are their output text). A cast to text is not the output function for
    /// every type: it trims char(n) padding and shows inet's netmask.
    static func postgresExpression(_ mapping: ColumnMapping) -> String {
        PostgresConnection.quoteIdentifier(mapping.column.name)
    }

    /// The canonical form of a value PostgreSQL printed.
    static func fromPostgres(_ text: String?, _ mapping: ColumnMapping) throws -> String {
        guard let text else { return null }
        switch mapping.codec.name {
        case "integer", "text", "enum", "uuid", "date", "time":
            return text
        case "boolean":
            return text == "t" ? "1" : "0"
        case "float":
            return floatForm(postgresText: text, single: mapping.column.type.storage.name == "float4")
        case "numeric":
            return numericForm(text, scale: mapping.column.type.numericScale)
        case "json":
            return JSONText.compact(text)
        case "timestamp":
            return timestampForm(text)
        case "blob":
            return text
        case "json-array":
            let literal = try PostgresArrayLiteral.parse(text)
            return canonicalJSON(try json(literal.value, mapping))
        default:
            throw VerificationError.unsupportedCodec(mapping.codec.name, column: mapping.column.name)
        }
    }

    /// The canonical form of a stored SQLite value.
    static func fromSQLite(_ value: SQLiteValue, _ mapping: ColumnMapping) throws -> String {
        switch (mapping.codec.name, value) {
        case (_, .null): return null
        case ("float", let .real(number)): return "r" + String(number.bitPattern, radix: 16)
        // A float column of a file made elsewhere may hold integers; they are doubles to PostgreSQL.
        case ("float", let .integer(number)): return "r" + String(Double(number).bitPattern, radix: 16)
        case ("float", .text("NaN")): return "NaN"
        case ("numeric", let .integer(number)): return numericForm(String(number), scale: mapping.column.type.numericScale)
        case ("numeric", let .real(number)): return numericForm(plainDecimal(number), scale: mapping.column.type.numericScale)
        case ("numeric", let .text(text)): return numericForm(text, scale: mapping.column.type.numericScale)
        case ("blob", let .blob(bytes)): return "\\x" + bytes.map { String(format: "%02x", $0) }.joined()
        case ("json-array", let .text(json)): return canonicalJSON(try JSONValue.parse(json))
        case (_, let .integer(number)): return String(number)
        case (_, let .text(text)): return text
        case (_, let .real(number)): return "r" + String(number.bitPattern, radix: 16)
        case (_, let .blob(bytes)): return "blob:" + bytes.map { String(format: "%02x", $0) }.joined()
        }
    }

    // MARK: - Forms

    static func floatForm(postgresText text: String, single: Bool) -> String {
        switch text {
        case "NaN": return "NaN"
        case "Infinity": return "r" + String(Double.infinity.bitPattern, radix: 16)
        case "-Infinity": return "r" + String((-Double.infinity).bitPattern, radix: 16)
        default:
            let value = single ? Float(text).map(Double.init) : Double(text)
            return value.map { "r" + String($0.bitPattern, radix: 16) } ?? "unparsable float \(text)"
        }
    }

    /// Decimal text with the trailing fraction zeros a declared scale restores removed, so
    /// `12.50` in `numeric(12,2)` and the REAL 12.5 agree while `1.50` and `1.5` in an
    /// unconstrained column do not.
    static func numericForm(_ text: String, scale: Int?) -> String {
        guard scale != nil, text.contains("."), !text.contains("e"), !text.contains("E") else { return text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed.removeLast() }
        if trimmed.last == "." { trimmed.removeLast() }
        return trimmed == "-0" ? "0" : String(trimmed)
    }

    /// A double's shortest round-trip digits written without an exponent, as numeric prints.
    static func plainDecimal(_ value: Double) -> String {
        let shortest = "\(value)"
        guard let marker = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return shortest.hasSuffix(".0") ? String(shortest.dropLast(2)) : shortest
        }
        let exponent = Int(shortest[shortest.index(after: marker)...]) ?? 0
        var mantissa = String(shortest[..<marker])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var pointAt = parts[0].count + exponent
        if pointAt <= 0 {
            digits = String(repeating: "0", count: 1 - pointAt) + digits
            pointAt = 1
        } else if pointAt > digits.count {
            digits += String(repeating: "0", count: pointAt - digits.count)
        }
        var text = String(digits.prefix(pointAt))
        var fraction = String(digits.dropFirst(pointAt))
        while fraction.last == "0" { fraction.removeLast() }
        if !fraction.isEmpty { text += "." + fraction }
        return (negative ? "-" : "") + text
    }

    /// PostgreSQL prints timestamptz in UTC as `…+00`; the stored form has no zone suffix.
    static func timestampForm(_ text: String) -> String {
        var body = text
        let era = body.hasSuffix(" BC") ? " BC" : ""
        if !era.isEmpty { body.removeLast(3) }
        if body.hasSuffix("+00") { body.removeLast(3) }
        return body + era
    }

    /// An array element PostgreSQL printed as text, as the element codec would store it
    /// inside the JSON array.
    private static func elementForm(_ text: String, _ mapping: ColumnMapping) throws -> JSONValue {
        let element = mapping.column.type.element?.storage
        switch element?.name {
        case "int2", "int4", "int8", "numeric":
            return text == "NaN" || text.hasSuffix("Infinity") ? .string(text) : .number(Double(text) ?? .nan)
        case "float4", "float8":
            if text == "NaN" || text.hasSuffix("Infinity") { return .string(text) }
            return .number(element?.name == "float4" ? Double(Float(text) ?? .nan) : Double(text) ?? .nan)
        case "bool":
            return .bool(text == "t")
        case "bytea":
            return .string(text)
        case "json", "jsonb":
            return try JSONValue.parse(text)
        case "timestamp", "timestamptz":
            return .string(timestampForm(text))
        default:
            return .string(text)
        }
    }

    private static func json(_ literal: PostgresArrayLiteral, _ mapping: ColumnMapping) throws -> JSONValue {
        switch literal {
        case .element(nil): return .null
        case let .element(text?): return try elementForm(text, mapping)
        case let .array(items): return .array(try items.map { try json($0, mapping) })
        }
    }

    /// Sorted keys and numbers by value: two spellings of one JSON document agree.
    static func canonicalJSON(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(number): return "n" + String(number.bitPattern, radix: 16)
        case let .string(text): return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case let .array(elements): return "[" + elements.map(canonicalJSON).joined(separator: ",") + "]"
        case let .object(members):
            return "{" + members.keys.sorted().map { canonicalJSON(.string($0)) + ":" + canonicalJSON(members[$0]!) }.joined(separator: ",") + "}"
        }
    }
}
