import Foundation

/// Turns a quoted literal of a known PostgreSQL type into the constant Bifrost stores for it,
/// at translation time, so it compares correctly with stored values.
enum LiteralCoercion {
    static func storage(of text: String, as type: SQLType, translator: ExpressionTranslator,
                        at node: ParseNode) throws -> SQLiteExpression {
        func invalid(_ what: String) -> TranslationRefusal {
            translator.refusal("invalid-literal", "invalid input syntax for type \(what): \"\(text)\"", at: node)
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch type {
        case .text, .enumeration, .textForm, .unknownLiteral, .any, .null, .record:
            if case let .enumeration(name) = type, let labels = translator.context.catalog.enumeration([name])?.enumLabels,
               !labels.isEmpty, !labels.contains(text) {
                throw invalid("enum \(name)")
            }
            if let length = type.declaredLength {
                let cut = String(text.prefix(length))
                return .text(type.isBlankPadded ? cut + String(repeating: " ", count: length - cut.count) : cut)
            }
            return .text(text)
        case .boolean:
            switch trimmed.lowercased() {
            case "t", "tr", "tru", "true", "y", "ye", "yes", "on", "1": return .integer(1)
            case "f", "fa", "fal", "fals", "false", "n", "no", "of", "off", "0": return .integer(0)
            default: throw invalid("boolean")
            }
        case .integer:
            guard let value = Int64(trimmed) else { throw invalid("integer") }
            return .integer(value)
        case let .numeric(scale):
            guard let value = Double(trimmed), !trimmed.lowercased().contains("x") else {
                if trimmed.lowercased() == "nan" { return .text("NaN") }
                throw invalid("numeric")
            }
            if scale == nil || scale == 0, let integer = Int64(trimmed) { return .integer(integer) }
            if let scale {
                let factor = pow10(scale)
                return .literal(.real((value * factor).rounded() / factor))
            }
            return .literal(.real(value))
        case .float:
            switch trimmed.lowercased() {
            case "nan": return .text("NaN")
            case "infinity", "inf", "+infinity": return .literal(.real(.infinity))
            case "-infinity", "-inf": return .literal(.real(-.infinity))
            default:
                guard let value = Double(trimmed) else { throw invalid("double precision") }
                return .literal(.real(value))
            }
        case .uuid:
            guard let canonical = canonicalUUID(trimmed) else { throw invalid("uuid") }
            return .text(canonical)
        case .bytea:
            guard trimmed.hasPrefix("\\x") else {
                throw translator.refusal("unsupported-cast", "bytea literal in escape format (use the \\x hex form)", at: node)
            }
            var bytes: [UInt8] = []
            var digits = Array(trimmed.dropFirst(2).filter { !$0.isWhitespace })
            guard digits.count % 2 == 0 else { throw invalid("bytea") }
            while !digits.isEmpty {
                guard let byte = UInt8(String(digits.prefix(2)), radix: 16) else { throw invalid("bytea") }
                bytes.append(byte)
                digits.removeFirst(2)
            }
            return .literal(.blob(bytes))
        case .json, .jsonb, .array:
            return try JSONOperators.literal(translator, text, as: type, at: node)
                ?? ArrayOperators.literal(translator, text, as: type, at: node)
                ?? { throw invalid(type.postgresName ?? "?") }()
        case .timestamptz, .timestamp, .date, .time, .interval:
            return try DateTimeOperators.literal(translator, text, as: type, at: node)
        }
    }

    private static func pow10(_ exponent: Int) -> Double {
        (0..<max(0, exponent)).reduce(1.0) { value, _ in value * 10 }
    }

    /// PostgreSQL's uuid input: hex digits with optional hyphens (after each group of four)
    /// and optional braces; printed lowercase 8-4-4-4-12.
    static func canonicalUUID(_ text: String) -> String? {
        var body = Substring(text)
        if body.hasPrefix("{") && body.hasSuffix("}") { body = body.dropFirst().dropLast() }
        let hex = body.filter { $0 != "-" }.lowercased()
        guard hex.count == 32, hex.allSatisfy(\.isHexDigit), !body.hasPrefix("-"), !body.hasSuffix("-"),
              !body.contains("--") else { return nil }
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }
}
