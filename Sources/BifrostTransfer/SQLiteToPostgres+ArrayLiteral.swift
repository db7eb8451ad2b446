import BifrostMapping

extension StoredForm {
    /// A stored JSON array as a PostgreSQL array literal, every element quoted; a bounds
    /// decoration before it (`[0:2]=`, see `ArrayBounds`) is kept in front of the literal.
    static func appendArrayLiteral(_ stored: UnsafeRawBufferPointer, element: StoredForm, to text: inout [UInt8]) throws {
        let decoration = ArrayBounds.decorationLength(stored) ?? 0
        text.append(contentsOf: stored[..<decoration])
        let json = UnsafeRawBufferPointer(rebasing: stored[decoration...])
        let node: StoredJSON
        do {
            node = try StoredJSON.parse(Array(json), rawElements: element == .json)
        } catch {
            throw StoredValueError(reason: "not a JSON array: \(error)", hint: "the column holds arrays as JSON text, e.g. [\"a\",null]")
        }
        guard case .array = node else {
            throw StoredValueError(reason: "JSON \(String(decoding: json.prefix(40), as: UTF8.self)) is not an array",
                                   hint: "the column holds arrays as JSON text, e.g. [\"a\",null]")
        }
        try append(node, element: element, to: &text)
    }

    private static func append(_ node: StoredJSON, element: StoredForm, to text: inout [UInt8]) throws {
        switch node {
        case let .array(items):
            text.append(UInt8(ascii: "{"))
            for (position, item) in items.enumerated() {
                if position > 0 { text.append(UInt8(ascii: ",")) }
                try append(item, element: element, to: &text)
            }
            text.append(UInt8(ascii: "}"))
        case .null:
            text.append(contentsOf: "NULL".utf8)
        case var .string(string):
            switch element {
            case .timestamp(withZone: true):
                var stamp: [UInt8] = []
                string.withUTF8 { appendUTC(UnsafeRawBufferPointer($0), to: &stamp) }
                quote(stamp, to: &text)
            case .integer, .boolean, .json:
                throw StoredValueError(reason: "array element \"\(string.prefix(40))\" is a JSON string where a \(element) is expected", hint: nil)
            default:
                quote(string.utf8, to: &text)
            }
        case let .raw(raw):
            switch element {
            case .boolean:
                guard raw == "true" || raw == "false" else {
                    throw StoredValueError(reason: "array element \(raw.prefix(40)) is not true or false", hint: nil)
                }
                quote((raw == "true" ? "t" : "f").utf8, to: &text)
            case .integer, .float, .numeric, .json:
                quote(raw.utf8, to: &text)
            default:
                throw StoredValueError(reason: "array element \(raw.prefix(40)) is not a JSON string", hint: nil)
            }
        }
    }

    /// An array element in double quotes, `"` and `\` escaped (`"NULL"` stays a string).
    private static func quote(_ value: some Sequence<UInt8>, to text: inout [UInt8]) {
        text.append(UInt8(ascii: "\""))
        for byte in value {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { text.append(UInt8(ascii: "\\")) }
            text.append(byte)
        }
        text.append(UInt8(ascii: "\""))
    }
}
