/// Numbers written as ASCII straight into a byte buffer, without a `String` in between: the
/// stored forms of the converter, verification's canonical forms and import's COPY text
/// share these.
public enum ByteText {
    /// `value` in decimal, `-` first when negative, the digits zero-padded to `minimumDigits`.
    public static func appendDecimal(_ value: Int64, minimumDigits: Int = 1, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var divisor: UInt64 = 1
        var digits = 1
        while magnitude / divisor >= 10 {
            divisor *= 10
            digits += 1
        }
        for _ in digits..<max(minimumDigits, digits) { output.append(UInt8(ascii: "0")) }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
    }

    /// Bytes as lowercase hexadecimal, two digits each.
    public static func appendHex(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        output.reserveCapacity(output.count + 2 * bytes.count)
        for byte in bytes {
            output.append(hexDigit(byte >> 4))
            output.append(hexDigit(byte & 0xF))
        }
    }

    /// The lowercase hexadecimal digit of a value 0…15.
    @inline(__always)
    public static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
