import Foundation

/// Walks one row of PostgreSQL's text COPY format (tab-separated, `\N` for NULL, backslash
/// escapes) field by field. Fields without a backslash are handed over in place; only those
/// with escapes are decoded, into a buffer reused from row to row.
struct CopyTextParser {
    private var unescaped: [UInt8] = []

    /// Calls `body` with each field's position and text, `nil` for NULL.
    mutating func forEachField(in line: UnsafeRawBufferPointer,
                               _ body: (Int, UnsafeRawBufferPointer?) throws -> Void) rethrows {
        guard let base = line.baseAddress else { return try body(0, UnsafeRawBufferPointer(start: nil, count: 0)) }
        let count = line.last == 0x0A ? line.count - 1 : line.count
        var start = 0
        var index = 0
        while true {
            let end = memchr(base + start, 0x09, count - start).map { base.distance(to: $0) } ?? count
            let field = UnsafeRawBufferPointer(rebasing: line[start..<end])
            if memchr(base + start, Int32(UInt8(ascii: "\\")), end - start) == nil {
                try body(index, field)
            } else if field.count == 2, field[1] == UInt8(ascii: "N") {
                try body(index, nil)
            } else {
                unescape(field)
                try unescaped.withUnsafeBytes { try body(index, $0) }
            }
            guard end < count else { return }
            start = end + 1
            index += 1
        }
    }

    private mutating func unescape(_ field: UnsafeRawBufferPointer) {
        unescaped.removeAll(keepingCapacity: true)
        var index = 0
        while index < field.count {
            // The bytes up to the next backslash in one go.
            let next = memchr(field.baseAddress! + index, Int32(UInt8(ascii: "\\")), field.count - index)
                .map { field.baseAddress!.distance(to: $0) } ?? field.count
            unescaped.appendBytes(UnsafeRawBufferPointer(rebasing: field[index..<next]))
            index = next + 1
            guard index < field.count else {
                if next < field.count { unescaped.append(UInt8(ascii: "\\")) }
                break
            }
            let escaped = field[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "b"): unescaped.append(0x08)
            case UInt8(ascii: "f"): unescaped.append(0x0C)
            case UInt8(ascii: "n"): unescaped.append(0x0A)
            case UInt8(ascii: "r"): unescaped.append(0x0D)
            case UInt8(ascii: "t"): unescaped.append(0x09)
            case UInt8(ascii: "v"): unescaped.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(escaped - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, index < field.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(field[index]) {
                    value = value * 8 + Int(field[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                unescaped.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x"):
                var value = 0
                var digits = 0
                while digits < 2, index < field.count, let digit = Self.hexValue(field[index]) {
                    value = value * 16 + digit
                    index += 1
                    digits += 1
                }
                unescaped.append(UInt8(value))
            default: unescaped.append(escaped)
            }
        }
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
