import BifrostMapping

/// Splits PostgreSQL's binary COPY stream (as libpq hands it over: one row per data message,
/// the header before the first row) into rows of fields.
///
/// Fields point into the message buffer and are valid only during the callback.
public struct BinaryCopyParser {
    private static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]
    private var headerRead = false
    private var finished = false
    private var fields: [UnsafeRawBufferPointer?] = []

    public init() {}

    /// Parses one data message and calls `row` for every row it holds.
    public mutating func consume(
        _ message: UnsafeRawBufferPointer, row: ([UnsafeRawBufferPointer?]) throws -> Void
    ) throws {
        var reader = BinaryReader(message)
        if !headerRead {
            let signature = try reader.readBytes(Self.signature.count)
            guard signature.elementsEqual(Self.signature) else {
                throw CopyFormatError("the stream does not start with the binary COPY signature")
            }
            let flags = try reader.readInt32()
            guard flags & 0x10000 == 0 else { throw CopyFormatError("rows carry OIDs, which Bifrost does not request") }
            _ = try reader.readBytes(Int(try reader.readInt32()))  // header extension
            headerRead = true
        }
        while reader.remaining > 0 {
            guard !finished else { throw CopyFormatError("data after the end-of-copy marker") }
            let count = Int(try reader.readInt16())
            if count == -1 {
                finished = true
                continue
            }
            fields.removeAll(keepingCapacity: true)
            for _ in 0..<count {
                let length = Int(try reader.readInt32())
                fields.append(length < 0 ? nil : try reader.readBytes(length))
            }
            try row(fields)
        }
    }
}

/// The COPY stream did not have the binary format's shape.
public struct CopyFormatError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ message: String) {
        description = "binary COPY stream: \(message)"
    }
}
