/// PostgreSQL's text form of an array (`array_out`): `{a,"b c",NULL,{1,2}}`, optionally
/// preceded by bounds (`[0:2]={7,8,9}`). Elements are the element type's output text.
public indirect enum PostgresArrayLiteral: Equatable, Sendable {
    case element(String?)
    case array([PostgresArrayLiteral])

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Parses array text. Returns the nested elements and whether the text declared bounds
    /// (a lower bound other than 1 in some dimension).
    public static func parse(_ text: String) throws -> (value: PostgresArrayLiteral, hasBounds: Bool) {
        var scalars = Array(text.unicodeScalars)[...]
        var hasBounds = false
        if scalars.first == "[" {
            guard let equals = scalars.firstIndex(of: "=") else { throw ParseError(description: "bounds without '=' in \(text)") }
            hasBounds = true
            scalars = scalars[scalars.index(after: equals)...]
        }
        let value = try parseArray(&scalars, text)
        guard scalars.isEmpty else { throw ParseError(description: "text after the array in \(text)") }
        return (value, hasBounds)
    }

    private static func parseArray(_ scalars: inout ArraySlice<Unicode.Scalar>, _ text: String) throws -> PostgresArrayLiteral {
        guard scalars.popFirst() == "{" else { throw ParseError(description: "expected '{' in \(text)") }
        var items: [PostgresArrayLiteral] = []
        if scalars.first == "}" {
            scalars.removeFirst()
            return .array(items)
        }
        while true {
            switch scalars.first {
            case "{": items.append(try parseArray(&scalars, text))
            case "\"": items.append(.element(try parseQuoted(&scalars, text)))
            default: items.append(try parseBare(&scalars, text))
            }
            switch scalars.popFirst() {
            case ",": continue
            case "}": return .array(items)
            default: throw ParseError(description: "expected ',' or '}' in \(text)")
            }
        }
    }

    private static func parseQuoted(_ scalars: inout ArraySlice<Unicode.Scalar>, _ text: String) throws -> String {
        scalars.removeFirst()
        var value = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\"": return String(value)
            case "\\":
                guard let escaped = scalars.popFirst() else { break }
                value.append(escaped)
            default: value.append(scalar)
            }
        }
        throw ParseError(description: "unterminated quoted element in \(text)")
    }

    /// An unquoted element; `NULL` (unquoted) is SQL NULL.
    private static func parseBare(_ scalars: inout ArraySlice<Unicode.Scalar>, _ text: String) throws -> PostgresArrayLiteral {
        var value = String.UnicodeScalarView()
        while let scalar = scalars.first, scalar != ",", scalar != "}" {
            scalars.removeFirst()
            if scalar == "\\", let escaped = scalars.popFirst() {
                value.append(escaped)
            } else {
                value.append(scalar)
            }
        }
        let element = String(value)
        return element == "NULL" ? .element(nil) : .element(element)
    }
}

/// Lower bounds other than 1, kept the way PostgreSQL prints them (`array_out`): a
/// decoration such as `[0:2]=` or `[1:2][-1:0]=` before the array. The converter stores such
/// an array as that decoration followed by the JSON array; SQLite's JSON functions refuse
/// the text, so a query cannot mistake its positions for ones counted from 1.
public enum ArrayBounds {
    /// Appends `[lower:upper]` per dimension, then `=`.
    public static func appendDecoration(lowerBounds: [Int], lengths: [Int], to output: inout [UInt8]) {
        for (lower, length) in zip(lowerBounds, lengths) {
            output.append(UInt8(ascii: "["))
            ByteText.appendDecimal(Int64(lower), to: &output)
            output.append(UInt8(ascii: ":"))
            ByteText.appendDecimal(Int64(lower + length - 1), to: &output)
            output.append(UInt8(ascii: "]"))
        }
        output.append(UInt8(ascii: "="))
    }

    /// The length of the decoration `text` starts with, `=` included; `nil` when it has
    /// none (a JSON array never has one: `[-1` is followed by `,`, `]` or more of the number).
    public static func decorationLength(_ text: UnsafeRawBufferPointer) -> Int? {
        var position = 0
        func integer() -> Bool {
            if position < text.count, text[position] == UInt8(ascii: "-") { position += 1 }
            let start = position
            while position < text.count, (0x30...0x39).contains(text[position]) { position += 1 }
            return position > start
        }
        func expect(_ character: Unicode.Scalar) -> Bool {
            guard position < text.count, text[position] == UInt8(ascii: character) else { return false }
            position += 1
            return true
        }
        var dimensions = 0
        while expect("[") {
            guard integer(), expect(":"), integer(), expect("]") else { return nil }
            dimensions += 1
        }
        return dimensions > 0 && expect("=") ? position : nil
    }
}
