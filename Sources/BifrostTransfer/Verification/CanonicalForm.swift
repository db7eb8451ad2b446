import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema

/// The bytes both sides of a verification reduce one column's values to before hashing —
/// the only definition of them, used by the checksums and by the key-order comparison.
///
/// The PostgreSQL side starts from PostgreSQL's own text output of the value (never from the
/// binary decoders the conversion used); the SQLite side from the stored value. A codec bug
/// therefore shows up as a mismatch instead of hiding itself.
///
/// A form is a plain value (no references), so reading rows copies nothing per field.
struct CanonicalForm {
    /// How a codec's values are reduced, decided once per column.
    enum Rule {
        /// integer, text, enum, uuid, date, time: PostgreSQL's text is the stored text.
        case verbatim
        case boolean
        case float(single: Bool)
        case numeric(scaled: Bool)
        case json
        case timestamp
        /// PostgreSQL's `\x…` hex text; SQLite's bytes written that way.
        case blob
        case jsonArray(CanonicalJSON.Element)
        case unsupported
    }

    /// A codec without a canonical form met a value.
    struct Unsupported: Error {}

    let rule: Rule

    init(_ mapping: ColumnMapping) {
        rule = switch mapping.codec.name {
        case "integer", "text", "enum", "uuid", "date", "time": .verbatim
        case "boolean": .boolean
        case "float": .float(single: mapping.column.type.storage.name == "float4")
        case "numeric": .numeric(scaled: mapping.column.type.numericScale != nil)
        case "json": .json
        case "timestamp": .timestamp
        case "blob": .blob
        case "json-array": .jsonArray(CanonicalJSON.Element(mapping.column.type.element?.storage.name))
        default: .unsupported
        }
    }

    /// The select-list expression whose text output the PostgreSQL side reduces: the column
    /// itself, which COPY prints with the type's output function (arrays with `array_out`,
    /// whose elements are their output text). A cast to text is not the output function for
    /// every type: it trims char(n) padding and shows inet's netmask.
    static func postgresExpression(_ mapping: ColumnMapping) -> String {
        PostgresConnection.quoteIdentifier(mapping.column.name)
    }

    /// Appends the canonical form of a value PostgreSQL printed (`nil` for NULL); throws
    /// `Unsupported` for a value of a codec without a canonical form.
    func appendPostgres(_ text: UnsafeRawBufferPointer?, to row: inout CanonicalRow) throws {
        guard let text else { return row.appendNull() }
        row.beginField()
        switch rule {
        case .verbatim, .blob:
            row.append(text)
        case .boolean:
            row.append(text.count == 1 && text[0] == UInt8(ascii: "t") ? "1" : "0")
        case let .float(single):
            Self.appendFloat(text, single: single, to: &row)
        case let .numeric(scaled):
            row.append(text)
            if scaled { CanonicalNumber.trimScaleZeros(of: &row) }
        case .json:
            row.withBytes { JSONText.compact(text, to: &$0) }
        case .timestamp:
            row.withBytes { Self.appendTimestamp(text, to: &$0) }
        case let .jsonArray(element):
            let decoration = ArrayBounds.decorationLength(text) ?? 0
            row.append(UnsafeRawBufferPointer(rebasing: text[..<decoration]))
            let array = String(decoding: text[decoration...], as: UTF8.self)
            CanonicalJSON.append(try CanonicalJSON.fromPostgres(array, element), to: &row)
        case .unsupported:
            throw Unsupported()
        }
        row.endField()
    }

    /// A float's text (PostgreSQL's output, or a text a float column stores) by its bits;
    /// `NaN` as itself.
    private static func appendFloat(_ text: UnsafeRawBufferPointer, single: Bool, to row: inout CanonicalRow) {
        if text.elementsEqual("NaN".utf8) {
            row.append("NaN")
        } else if let value = CanonicalNumber.parse(text, single: single) {
            CanonicalNumber.appendBits(of: value, to: &row)
        } else {
            row.append("unparsable float ")
            row.append(text)
        }
    }

    /// Appends the canonical form of a stored SQLite value.
    func appendSQLite(_ value: SQLiteBorrowedValue, to row: inout CanonicalRow) throws {
        if case .null = value { return row.appendNull() }
        row.beginField()
        switch (rule, value) {
        case let (.float, .real(number)):
            CanonicalNumber.appendBits(of: number, to: &row)
        // A float column of a file made elsewhere may hold integers (doubles to PostgreSQL)
        // and texts such as 'Infinity', which import reads as PostgreSQL reads them.
        case let (.float, .integer(number)):
            CanonicalNumber.appendBits(of: Double(number), to: &row)
        case let (.float(single), .text(text)):
            Self.appendFloat(text, single: single, to: &row)
        case let (.numeric(scaled), .integer(number)):
            CanonicalNumber.appendDecimal(number, to: &row)
            if scaled { CanonicalNumber.trimScaleZeros(of: &row) }
        case let (.numeric(scaled), .real(number)):
            var text = CanonicalNumber.plainDecimal(number)
            text.withUTF8 { row.append(UnsafeRawBufferPointer($0)) }
            if scaled { CanonicalNumber.trimScaleZeros(of: &row) }
        case let (.numeric(scaled), .text(text)):
            row.append(text)
            if scaled { CanonicalNumber.trimScaleZeros(of: &row) }
        case let (.blob, .blob(bytes)):
            row.append("\\x")
            CanonicalNumber.appendHex(bytes, to: &row)
        // A file made elsewhere may keep JSON with spaces; the stored form is compact.
        case let (.json, .text(json)):
            row.withBytes { JSONText.compact(json, to: &$0) }
        case let (.jsonArray, .text(stored)):
            let decoration = ArrayBounds.decorationLength(stored) ?? 0
            row.append(UnsafeRawBufferPointer(rebasing: stored[..<decoration]))
            CanonicalJSON.append(try JSONValue.parse(String(decoding: stored[decoration...], as: UTF8.self)), to: &row)
        case let (_, .integer(number)):
            CanonicalNumber.appendDecimal(number, to: &row)
        case let (_, .text(text)):
            row.append(text)
        case let (_, .real(number)):
            CanonicalNumber.appendBits(of: number, to: &row)
        case let (_, .blob(bytes)):
            row.append("blob:")
            CanonicalNumber.appendHex(bytes, to: &row)
        case (_, .null):
            break
        }
        row.endField()
    }

    /// PostgreSQL prints timestamptz in UTC as `…+00` (before any ` BC`); the stored form
    /// has no zone suffix.
    static func appendTimestamp(_ text: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        let era = text.count >= 3 && text[(text.count - 3)...].elementsEqual(" BC".utf8)
        var body = era ? UnsafeRawBufferPointer(rebasing: text[..<(text.count - 3)]) : text
        if body.count >= 3, body[(body.count - 3)...].elementsEqual("+00".utf8) {
            body = UnsafeRawBufferPointer(rebasing: body[..<(body.count - 3)])
        }
        output.appendBytes(body)
        if era { output.append(contentsOf: " BC".utf8) }
    }
}
