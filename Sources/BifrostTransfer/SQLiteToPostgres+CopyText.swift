/// Appends one field of a COPY text-format line: backslash, newline, carriage return and
/// tab escaped, the rest copied in runs. A NUL byte, which no PostgreSQL text value can
/// hold, is refused.
func appendCopyField(_ text: [UInt8], to line: inout [UInt8]) throws {
    try text.withUnsafeBufferPointer { bytes in
        var run = 0
        for (position, byte) in bytes.enumerated() where byte <= 0x0D || byte == 0x5C {
            let escaped: UInt8
            switch byte {
            case 0x5C: escaped = UInt8(ascii: "\\")
            case 0x0A: escaped = UInt8(ascii: "n")
            case 0x0D: escaped = UInt8(ascii: "r")
            case 0x09: escaped = UInt8(ascii: "t")
            case 0x00:
                throw StoredValueError(reason: "text holds a NUL byte, which PostgreSQL text cannot hold",
                                       hint: "remove the NUL byte, or store the value as a BLOB in a bytea column")
            default: continue
            }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<position]))
            line.append(UInt8(ascii: "\\"))
            line.append(escaped)
            run = position + 1
        }
        line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
    }
}

/// A NULL field of a COPY text-format line.
func appendCopyNull(to line: inout [UInt8]) {
    line.append(UInt8(ascii: "\\"))
    line.append(UInt8(ascii: "N"))
}
