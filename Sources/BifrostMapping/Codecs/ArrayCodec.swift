import BifrostSQLite

/// Arrays of any element type and dimension → TEXT JSON array; NULL elements become
/// `null`, multi-dimensional arrays nested arrays. Elements are written by their own codec.
/// An array with a lower bound other than 1 is stored with PostgreSQL's bounds decoration
/// before the JSON array (`ArrayBounds`), which keeps the bounds.
struct JSONArrayCodec: ValueCodec {
    let name = "json-array"
    let declaredType = "TEXT"
    let element: any ValueCodec

    func check(column quotedName: String) -> String? {
        Self.arrayCheck(quotedName)
    }

    /// The stored text is a JSON array, or one after a bounds decoration.
    static func arrayCheck(_ quotedName: String) -> String {
        "json_valid(\(quotedName)) AND json_type(\(quotedName)) = 'array' OR \(quotedName) GLOB '[[]*]=[[]*]'"
    }

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        try batch.appendText { try append(value, keepingBounds: true, to: &$0) }
    }

    /// The JSON array alone: an array with other lower bounds has no JSON form.
    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        try append(value, keepingBounds: false, to: &output)
    }

    private func append(_ value: UnsafeRawBufferPointer, keepingBounds: Bool, to output: inout [UInt8]) throws {
        var reader = BinaryReader(value)
        let dimensionCount = Int(try reader.readInt32())
        _ = try reader.readInt32()  // has-nulls flag
        _ = try reader.readInt32()  // element type OID
        guard dimensionCount >= 0, dimensionCount <= 6 else {
            throw ValueError.malformed("an array with \(dimensionCount) dimensions")
        }
        if dimensionCount == 0 {
            output.append(contentsOf: Array("[]".utf8))
            return
        }
        var lengths: [Int] = []
        var otherBounds = false
        let dimensions = reader
        for _ in 0..<dimensionCount {
            lengths.append(Int(try reader.readInt32()))
            otherBounds = try reader.readInt32() != 1 || otherBounds
        }
        if otherBounds {
            // Rare: the bounds are read again rather than kept for every array.
            guard keepingBounds else { throw ValueError.malformed("an array with lower bounds other than 1 as JSON") }
            var header = dimensions
            let lowerBounds = try lengths.map { _ in _ = try header.readInt32(); return Int(try header.readInt32()) }
            ArrayBounds.appendDecoration(lowerBounds: lowerBounds, lengths: lengths, to: &output)
        }
        try appendDimension(0, lengths: lengths, reader: &reader, to: &output)
    }

    private func appendDimension(
        _ dimension: Int, lengths: [Int], reader: inout BinaryReader, to output: inout [UInt8]
    ) throws {
        output.append(UInt8(ascii: "["))
        for position in 0..<lengths[dimension] {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            if dimension + 1 < lengths.count {
                try appendDimension(dimension + 1, lengths: lengths, reader: &reader, to: &output)
                continue
            }
            let length = Int(try reader.readInt32())
            if length < 0 {
                output.append(contentsOf: Array("null".utf8))
            } else {
                try element.appendJSON(try reader.readBytes(length), to: &output)
            }
        }
        output.append(UInt8(ascii: "]"))
    }
}

/// Arrays whose elements have no binary reader (inet[], interval[], tsvector[] …): read as
/// PostgreSQL's array text, stored as a JSON array of the elements' text forms.
struct TextArrayCodec: ValueCodec {
    let name = "json-array"
    let declaredType = "TEXT"

    func check(column quotedName: String) -> String? {
        JSONArrayCodec.arrayCheck(quotedName)
    }

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        try batch.appendText { try append(value, keepingBounds: true, to: &$0) }
    }

    /// The JSON array alone: an array with other lower bounds has no JSON form.
    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        try append(value, keepingBounds: false, to: &output)
    }

    /// PostgreSQL's own bounds decoration is kept as it printed it.
    private func append(_ value: UnsafeRawBufferPointer, keepingBounds: Bool, to output: inout [UInt8]) throws {
        let decoration = ArrayBounds.decorationLength(value) ?? 0
        if decoration > 0 {
            guard keepingBounds else { throw ValueError.malformed("an array with bounds as JSON") }
            output.append(contentsOf: value[..<decoration])
        }
        let text = String(decoding: value[decoration...], as: UTF8.self)
        do {
            append(try PostgresArrayLiteral.parse(text).value, to: &output)
        } catch {
            throw ValueError.malformed("array text \(text): \(error)")
        }
    }

    private func append(_ literal: PostgresArrayLiteral, to output: inout [UInt8]) {
        switch literal {
        case .element(nil):
            output.append(contentsOf: Array("null".utf8))
        case let .element(text?):
            appendJSONString(text, to: &output)
        case let .array(items):
            output.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                append(item, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        }
    }
}
