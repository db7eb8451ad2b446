import BifrostMapping
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The number spellings of the canonical form, written straight into a row's buffer.
enum CanonicalNumber {
    /// A locale whose decimal point is `.`, whatever the process locale says (set for the
    /// calling thread only, around each parse).
    nonisolated(unsafe) private static let cLocale = newlocale(1 << LC_NUMERIC, "C", nil)

    /// A double by its bits, `r` and 16 hex digits: -0.0 and 0.0 differ, as do two NaNs
    /// with different payloads (NaN itself is spelled `NaN`, as SQLite stores it).
    static func appendBits(of value: Double, marker: UInt8 = UInt8(ascii: "r"), to row: inout CanonicalRow) {
        row.append(marker)
        let bits = value.bitPattern
        row.withBytes { output in
            for shift in stride(from: 60, through: 0, by: -4) {
                output.append(ByteText.hexDigit(UInt8(truncatingIfNeeded: bits >> UInt64(shift)) & 0xF))
            }
        }
    }

    /// Bytes as lowercase hex digits, two per byte.
    static func appendHex(_ data: UnsafeRawBufferPointer, to row: inout CanonicalRow) {
        row.withBytes { ByteText.appendHex(data, to: &$0) }
    }

    /// An integer in decimal, as PostgreSQL prints it.
    static func appendDecimal(_ value: Int64, to row: inout CanonicalRow) {
        row.withBytes { ByteText.appendDecimal(value, to: &$0) }
    }

    /// Parses a float PostgreSQL printed (float4 as a Float, widened), accepting only text
    /// that is a number through to its end.
    static func parse(_ text: UnsafeRawBufferPointer, single: Bool) -> Double? {
        guard text.count > 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer -> Double? in
            let start = buffer.baseAddress!
            UnsafeMutableRawPointer(start).copyMemory(from: text.baseAddress!, byteCount: text.count)
            start[text.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let previous = uselocale(cLocale)
            defer { uselocale(previous) }
            let value = single ? Double(strtof(start, &end)) : strtod(start, &end)
            return end == start + text.count ? value : nil
        }
    }

    /// Removes the trailing fraction zeros a declared scale restores from the decimal text
    /// just written, so `12.50` in `numeric(12,2)` and the REAL 12.5 agree (while `1.50`
    /// and `1.5` in an unconstrained column, which PostgreSQL keeps apart, do not).
    static func trimScaleZeros(of row: inout CanonicalRow) {
        let start = row.currentFieldStart
        row.withBytes { bytes in
            var hasPoint = false
            for index in start..<bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "."): hasPoint = true
                case UInt8(ascii: "e"), UInt8(ascii: "E"): return
                default: continue
                }
            }
            guard hasPoint else { return }
            // The point stops the zeros from eating into the integer part.
            while bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
            if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
            if bytes.count - start == 2, bytes[start] == UInt8(ascii: "-"), bytes[start + 1] == UInt8(ascii: "0") {
                bytes.removeLast()
                bytes[start] = UInt8(ascii: "0")
            }
        }
    }

    /// A double's shortest round-trip digits written without an exponent, as numeric prints.
    static func plainDecimal(_ value: Double) -> String {
        let shortest = "\(value)"
        guard let marker = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return shortest.hasSuffix(".0") ? String(shortest.dropLast(2)) : shortest
        }
        let exponent = Int(shortest[shortest.index(after: marker)...]) ?? 0
        var mantissa = String(shortest[..<marker])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var pointAt = parts[0].count + exponent
        if pointAt <= 0 {
            digits = String(repeating: "0", count: 1 - pointAt) + digits
            pointAt = 1
        } else if pointAt > digits.count {
            digits += String(repeating: "0", count: pointAt - digits.count)
        }
        var text = String(digits.prefix(pointAt))
        var fraction = String(digits.dropFirst(pointAt))
        while fraction.last == "0" { fraction.removeLast() }
        if !fraction.isEmpty { text += "." + fraction }
        return (negative ? "-" : "") + text
    }
}
