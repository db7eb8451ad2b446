/// COPY text-format escaping of the field that starts at `start` in `line` (it was just
/// appended in PostgreSQL's text form): backslash, newline, carriage return and tab
/// escaped. A NUL byte, which no PostgreSQL text value can hold, is refused. Most fields
/// hold none of these bytes and are left as they are after one fast scan.
func escapeCopyField(in line: inout [UInt8], from start: Int) throws {
    guard let first = firstSpecialByte(in: line, from: start) else { return }
    let field = Array(line[first...])
    line.removeSubrange(first...)
    var run = 0
    for (position, byte) in field.enumerated() where byte <= 0x0D || byte == 0x5C {
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
        line.append(contentsOf: field[run..<position])
        line.append(UInt8(ascii: "\\"))
        line.append(escaped)
        run = position + 1
    }
    line.append(contentsOf: field[run...])
}

/// The position of the first byte at or after `start` that may need escaping (a control
/// byte up to carriage return, or a backslash); eight bytes a step.
private func firstSpecialByte(in line: [UInt8], from start: Int) -> Int? {
    line.withUnsafeBytes { bytes -> Int? in
        var position = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while position + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            // A byte below 0x0E, or equal to 0x5C, sets its high bit in `hits` (exact for
            // "is there one"; the byte loop below finds which).
            let below = (word &- ones &* 0x0E) & ~word & highs
            let backslash = word ^ (ones &* 0x5C)
            let equal = (backslash &- ones) & ~backslash & highs
            if below | equal != 0 { break }
            position += 8
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte <= 0x0D || byte == 0x5C { return position }
            position += 1
        }
        return nil
    }
}

/// A NULL field of a COPY text-format line.
func appendCopyNull(to line: inout [UInt8]) {
    line.append(UInt8(ascii: "\\"))
    line.append(UInt8(ascii: "N"))
}
