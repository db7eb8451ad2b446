import BifrostSQLite

/// numeric → INTEGER when integral and within int64, REAL when a double holds the exact
/// value, TEXT otherwise (and for NaN and ±Infinity).
///
/// The column has no declared type, so SQLite never converts the exact text into a float.
/// A value goes to INTEGER or REAL only when PostgreSQL can print it back identically:
/// either the column's declared scale restores trailing zeros, or there are none.
struct NumericCodec: ValueCodec {
    let name = "numeric"
    let declaredType = ""
    /// The declared scale of `numeric(p,s)`, `nil` for unconstrained numeric.
    let declaredScale: Int?

    enum Stored: Equatable {
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    func encode(_ value: UnsafeRawBufferPointer, into batch: inout RowBatch) throws {
        switch try store(value) {
        case let .integer(number): batch.append(integer: number)
        case let .real(number): batch.append(real: number)
        case let .text(text): batch.appendText(text)
        }
    }

    func appendJSON(_ value: UnsafeRawBufferPointer, to output: inout [UInt8]) throws {
        let decimal = try NumericCodec.decodeText(value)
        if decimal.first?.isNumber == true || decimal.first == "-" {
            output.append(contentsOf: decimal.utf8)
        } else {
            output.append(contentsOf: "\"\(decimal)\"".utf8)
        }
    }

    func store(_ value: UnsafeRawBufferPointer) throws -> Stored {
        let text = try NumericCodec.decodeText(value)
        guard text.first?.isNumber == true || text.first == "-" else { return .text(text) }
        let fraction = text.split(separator: ".", maxSplits: 1).dropFirst().first ?? ""
        let hasTrailingZeros = fraction.last == "0"
        // Without a declared scale, trailing zeros are part of the value's display.
        guard declaredScale != nil || !hasTrailingZeros else { return .text(text) }
        if fraction.allSatisfy({ $0 == "0" }), let integer = Int64(text.split(separator: ".")[0]) {
            return .integer(integer)
        }
        if let double = Double(text), double.isFinite,
           DecimalDigits(text) == DecimalDigits("\(double)") {
            return .real(double)
        }
        return .text(text)
    }

    /// PostgreSQL's text form of a binary numeric, as `numeric_out` prints it.
    static func decodeText(_ value: UnsafeRawBufferPointer) throws -> String {
        var reader = BinaryReader(value)
        let digitCount = Int(try reader.readInt16())
        let weight = Int(try reader.readInt16())
        let sign = UInt16(bitPattern: try reader.readInt16())
        let displayScale = Int(try reader.readInt16())
        switch sign {
        case 0xC000: return "NaN"
        case 0xD000: return "Infinity"
        case 0xF000: return "-Infinity"
        case 0x0000, 0x4000: break
        default: throw ValueError.malformed("numeric sign 0x\(String(sign, radix: 16))")
        }
        var digits: [Int] = []
        digits.reserveCapacity(digitCount)
        for _ in 0..<digitCount {
            let digit = Int(try reader.readInt16())
            guard (0..<10000).contains(digit) else { throw ValueError.malformed("numeric digit \(digit)") }
            digits.append(digit)
        }
        func digit(_ position: Int) -> Int {
            position >= 0 && position < digits.count ? digits[position] : 0
        }
        var text = sign == 0x4000 ? "-" : ""
        if weight < 0 {
            text += "0"
        } else {
            for position in 0...weight {
                let group = String(digit(position))
                text += position == 0 ? group : String(repeating: "0", count: 4 - group.count) + group
            }
        }
        if displayScale > 0 {
            var fraction = ""
            var position = weight + 1
            while fraction.count < displayScale {
                let group = String(digit(position))
                fraction += String(repeating: "0", count: 4 - group.count) + group
                position += 1
            }
            text += "." + fraction.prefix(displayScale)
        }
        return text
    }
}

/// A decimal number reduced to its significant digits and exponent, so that two spellings
/// ("12.50", "1.25e1") of one value compare equal.
struct DecimalDigits: Equatable {
    var negative = false
    var digits: [UInt8] = []
    var exponent = 0

    init?(_ text: String) {
        var mantissa = Substring(text)
        var exponentPart = 0
        if let marker = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let parsed = Int(mantissa[mantissa.index(after: marker)...]) else { return nil }
            exponentPart = parsed
            mantissa = mantissa[..<marker]
        }
        if mantissa.first == "-" {
            negative = true
            mantissa = mantissa.dropFirst()
        }
        var digitsAfterPoint = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." {
                seenPoint = true
            } else if let value = character.wholeNumberValue, character.isASCII {
                digits.append(UInt8(value))
                if seenPoint { digitsAfterPoint += 1 }
            } else {
                return nil
            }
        }
        exponent = exponentPart - digitsAfterPoint
        while digits.first == 0 { digits.removeFirst() }
        while digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty {
            negative = false
            exponent = 0
        }
    }
}
