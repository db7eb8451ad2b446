/// Splits one row of PostgreSQL's text COPY format (tab-separated, `\N` for NULL,
/// backslash escapes) into fields.
enum CopyTextParser {
    static func fields(_ line: UnsafeRawBufferPointer) -> [String?] {
        var fields: [String?] = []
        var current: [UInt8] = []
        var isNull = false
        var index = 0
        let count = line.last == 0x0A ? line.count - 1 : line.count
        func finish() {
            fields.append(isNull ? nil : String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
            isNull = false
        }
        while index < count {
            let byte = line[index]
            index += 1
            if byte == 0x09 {
                finish()
                continue
            }
            guard byte == UInt8(ascii: "\\"), index < count else {
                current.append(byte)
                continue
            }
            let escaped = line[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "N"): isNull = true
            case UInt8(ascii: "b"): current.append(0x08)
            case UInt8(ascii: "f"): current.append(0x0C)
            case UInt8(ascii: "n"): current.append(0x0A)
            case UInt8(ascii: "r"): current.append(0x0D)
            case UInt8(ascii: "t"): current.append(0x09)
            case UInt8(ascii: "v"): current.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(escaped - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, index < count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(line[index]) {
                    value = value * 8 + Int(line[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                current.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x"):
                var value = 0
                var digits = 0
                while digits < 2, index < count, let digit = hexValue(line[index]) {
                    value = value * 16 + digit
                    index += 1
                    digits += 1
                }
                current.append(UInt8(value))
            default: current.append(escaped)
            }
        }
        finish()
        return fields
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
