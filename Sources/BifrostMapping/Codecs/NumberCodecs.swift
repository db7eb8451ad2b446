import BifrostSQLite

/// smallint, integer, bigint → INTEGER.
struct IntegerCodec: ValueCodec {
    let name = "integer"
    let declaredType = "INTEGER"

    func decode(_ value: UnsafeRawBufferPointer) throws -> Int64 {
        var reader = BinaryReader(value)
        switch value.count {
        case 2: return Int64(try reader.readInt16())
        case 4: return Int64(try reader.readInt32())
        case 8: return try reader.readInt64()
        default: throw ValueError.malformed("an integer of \(value.count) bytes")
        }
    }

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        batch.append(integer: try decode(value))
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        output.append(contentsOf: String(try decode(value)).utf8)
    }
}

/// boolean → INTEGER 0/1.
struct BooleanCodec: ValueCodec {
    let name = "boolean"
    let declaredType = "INTEGER"

    func check(column quotedName: String) -> String? { "\(quotedName) IN (0, 1)" }

    func decode(_ value: UnsafeRawBufferPointer) throws -> Bool {
        guard value.count == 1 else { throw ValueError.malformed("a boolean of \(value.count) bytes") }
        return value[0] != 0
    }

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        batch.append(integer: try decode(value) ? 1 : 0)
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        output.append(contentsOf: (try decode(value) ? "true" : "false").utf8)
    }
}

/// real, double precision → REAL. NaN becomes the text 'NaN' (SQLite would store NULL);
/// the column has no declared type, so no REAL affinity turns -0.0 into 0.
struct FloatCodec: ValueCodec {
    let name = "float"
    let declaredType = ""

    func decode(_ value: UnsafeRawBufferPointer) throws -> Double {
        var reader = BinaryReader(value)
        switch value.count {
        case 4: return Double(Float(bitPattern: UInt32(bitPattern: try reader.readInt32())))
        case 8: return Double(bitPattern: UInt64(bitPattern: try reader.readInt64()))
        default: throw ValueError.malformed("a float of \(value.count) bytes")
        }
    }

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        let number = try decode(value)
        if number.isNaN {
            batch.appendText("NaN")
        } else {
            batch.append(real: number)
        }
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        let number = try decode(value)
        // JSON has no NaN or infinities: those become strings in PostgreSQL's spelling.
        let text = if number.isNaN { "\"NaN\"" }
            else if number.isInfinite { number > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
            else { "\(number)" }
        output.append(contentsOf: text.utf8)
    }
}
