/// Reads big-endian integers from PostgreSQL's binary wire format.
public struct BinaryReader {
    public let bytes: UnsafeRawBufferPointer
    public private(set) var offset = 0

    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    public var remaining: Int { bytes.count - offset }

    public mutating func readInt16() throws -> Int16 {
        Int16(bitPattern: UInt16(truncatingIfNeeded: try readUnsigned(2)))
    }

    public mutating func readInt32() throws -> Int32 {
        Int32(bitPattern: UInt32(truncatingIfNeeded: try readUnsigned(4)))
    }

    public mutating func readInt64() throws -> Int64 {
        Int64(bitPattern: try readUnsigned(8))
    }

    /// The next `count` bytes, advancing past them.
    public mutating func readBytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else { throw truncated(count) }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    private mutating func readUnsigned(_ width: Int) throws -> UInt64 {
        guard remaining >= width else { throw truncated(width) }
        var value: UInt64 = 0
        for index in offset..<offset + width {
            value = value << 8 | UInt64(bytes[index])
        }
        offset += width
        return value
    }

    private func truncated(_ wanted: Int) -> ValueError {
        ValueError.malformed("binary value ends after \(bytes.count) bytes, \(wanted) more expected at byte \(offset)")
    }
}

/// Why a value could not be encoded.
public enum ValueError: Error, Sendable, CustomStringConvertible {
    /// The bytes do not have the shape the type's binary format prescribes.
    case malformed(String)
    /// The value is valid but cannot be stored exactly under this mapping.
    case notRepresentable(reason: String, hint: String)

    public var description: String {
        switch self {
        case let .malformed(message): "malformed value: \(message)"
        case let .notRepresentable(reason, hint): "\(reason)\n  fix: \(hint)"
        }
    }
}
