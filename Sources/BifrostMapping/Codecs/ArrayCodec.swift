import BifrostSQLite

/// Arrays of any element type and dimension → TEXT JSON array; NULL elements become
/// `null`, multi-dimensional arrays nested arrays. Elements are written by their own codec.
struct JSONArrayCodec: ValueCodec {
    let name = "json-array"
    let declaredType = "TEXT"
    let element: any ValueCodec

    func check(column quotedName: String) -> String? {
        Self.arrayCheck(quotedName)
    }

    /// The stored text is a JSON array.
    static func arrayCheck(_ quotedName: String) -> String {
        "json_valid(\(quotedName)) AND json_type(\(quotedName)) = 'array'"
    }

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        try batch.appendText { try appendJSON(value, to: &$0) }
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
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
        for _ in 0..<dimensionCount {
            let length = Int(try reader.readInt32())
            let lowerBound = try reader.readInt32()
            guard lowerBound == 1 else {
                throw ValueError.notRepresentable(
                    reason: "array with lower bound \(lowerBound) (not 1): a JSON array cannot keep its bounds",
                    hint: "map the column to text (its PostgreSQL text form keeps the bounds), e.g. `column schema.table.column -> text` in a mapping file")
            }
            lengths.append(length)
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
        try batch.appendText { try appendJSON(value, to: &$0) }
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        let text = String(decoding: value, as: UTF8.self)
        let parsed: (value: PostgresArrayLiteral, hasBounds: Bool)
        do {
            parsed = try PostgresArrayLiteral.parse(text)
        } catch {
            throw ValueError.malformed("array text \(text): \(error)")
        }
        guard !parsed.hasBounds else {
            throw ValueError.notRepresentable(
                reason: "array with lower bounds other than 1 (\(text.prefix(40))…): a JSON array cannot keep its bounds",
                hint: "map the column to text (its PostgreSQL text form keeps the bounds), e.g. `column schema.table.column -> text` in a mapping file")
        }
        append(parsed.value, to: &output)
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
