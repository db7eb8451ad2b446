import BifrostSQLite
import BifrostSchema
import Foundation

/// What DESIGN.md's mapping says a column's SQLite value must be, derived from PostgreSQL's
/// own text output of the value — independently of the binary decoders the conversion used.
struct ExpectedValue {
    let column: Column

    /// The PostgreSQL select expression whose text output the expectation is built from:
    /// the column itself (its type's output function) or PostgreSQL's JSON rendering of an
    /// array; temporal elements as their text forms, which `arrayMismatch` then shapes.
    func postgresExpression() -> String {
        let quoted = SQLiteConnection.quoteIdentifier(column.name)
        guard let element = column.type.element else { return quoted }
        return Self.temporalElements.contains(element.storage.name) ? "to_json(\(quoted)::text[])::text" : "to_json(\(quoted))::text"
    }

    static let temporalElements: Set<String> = ["timestamp", "timestamptz", "date", "time", "timetz", "interval"]

    /// Nil when `stored` is what the mapping prescribes for `postgresText`, else the reason.
    func mismatch(stored: SQLiteValue, postgresText: String?, sqlite: SQLiteConnection) throws -> String? {
        guard let text = postgresText else { return stored == .null ? nil : "expected NULL" }
        let storage = column.type.storage
        if column.type.element != nil {
            return try arrayMismatch(stored, expectedJSON: text, sqlite: sqlite)
        }
        let expected: SQLiteValue
        switch storage.name {
        case "int2", "int4", "int8": expected = .integer(Int64(text)!)
        case "bool": expected = .integer(text == "t" ? 1 : 0)
        case "float8", "float4": expected = Self.float(text, single: storage.name == "float4")
        case "numeric": return Self.numericMismatch(stored, text, scale: column.type.numericScale)
        case "json", "jsonb":
            expected = try sqlite.query("SELECT json(?1)", [.text(text)])[0][0]
        case "timestamptz", "timestamp": expected = .text(Self.timestamp(text))
        case "bytea": expected = .blob(Self.hexBytes(text))
        default: expected = .text(text)  // text types, uuid, date, time, enums, text-cast types
        }
        return stored == expected ? nil : "expected \(expected)"
    }

    static func float(_ text: String, single: Bool) -> SQLiteValue {
        switch text {
        case "NaN": .text("NaN")
        case "Infinity": .real(.infinity)
        case "-Infinity": .real(-.infinity)
        default: .real(single ? Double(Float(text)!) : Double(text)!)
        }
    }

    /// PostgreSQL prints timestamptz in UTC as `…+00`; the stored form has no zone suffix.
    static func timestamp(_ text: String) -> String {
        var body = text
        let era = body.hasSuffix(" BC") ? " BC" : ""
        if !era.isEmpty { body.removeLast(3) }
        if body.hasSuffix("+00") { body.removeLast(3) }
        return body + era
    }

    static func hexBytes(_ text: String) -> [UInt8] {
        let digits = Array(text.dropFirst(2))  // "\x"
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    /// A numeric is stored exactly: as TEXT identical to PostgreSQL's, or as a number that
    /// prints back identically with the declared (or shown) number of decimals.
    static func numericMismatch(_ stored: SQLiteValue, _ text: String, scale: Int?) -> String? {
        let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
        switch stored {
        case let .text(value):
            return value == text ? nil : "expected the text \(text)"
        case let .integer(value):
            let zeros = decimals > 0 ? "." + String(repeating: "0", count: decimals) : ""
            let exact = String(value) + zeros == text && (scale != nil || decimals == 0)
            return exact ? nil : "INTEGER \(value) does not print back as \(text)"
        case let .real(value):
            let printed = String(format: "%.\(decimals)f", value)
            let trailingZero = text.contains(".") && text.hasSuffix("0")
            return printed == text && (scale != nil || !trailingZero) ? nil : "REAL \(value) does not print back as \(text)"
        default:
            return "expected a number or text for \(text)"
        }
    }

    private func arrayMismatch(_ stored: SQLiteValue, expectedJSON: String, sqlite: SQLiteConnection) throws -> String? {
        guard case let .text(json) = stored else { return "expected a JSON array in TEXT" }
        let storedTree = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        var expectedTree = try JSONSerialization.jsonObject(with: Data(expectedJSON.utf8), options: [.fragmentsAllowed])
        if let element = column.type.element, Self.temporalElements.contains(element.storage.name) {
            expectedTree = Self.mapStrings(expectedTree) { text in
                switch element.storage.name {
                case "timestamptz", "timestamp": Self.timestamp(text)
                default: text
                }
            }
        }
        func canonical(_ tree: Any) throws -> Data {
            try JSONSerialization.data(withJSONObject: tree, options: [.sortedKeys, .fragmentsAllowed])
        }
        return try canonical(storedTree) == canonical(expectedTree) ? nil : "expected the JSON array \(expectedJSON)"
    }

    private static func mapStrings(_ tree: Any, _ transform: (String) -> String) -> Any {
        if let array = tree as? [Any] { return array.map { mapStrings($0, transform) } }
        if let text = tree as? String { return transform(text) }
        return tree
    }
}
