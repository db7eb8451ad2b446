import BifrostMapping
/// PostgreSQL array input syntax (`'{a,"b c",NULL,{1,2}}'`), turned into Bifrost's JSON
/// storage text at translation time.
enum ArrayLiteral {
    indirect enum Item: Equatable {
        case element(String?)
        case array([Item])
    }

    struct SyntaxError: Error {
        let reason: String
    }

    /// A valid literal whose explicit dimensions start elsewhere than at 1 (`'[0:2]={…}'`):
    /// the JSON storage form has no place for a lower bound.
    struct LowerBound: Error {
        let bounds: [Int]
    }

    /// The JSON storage of `text` as a value of `type` (an array type); nil for other types.
    static func storage(_ translator: ExpressionTranslator, _ text: String, as type: SQLType,
                        at node: ParseNode) throws -> SQLiteExpression? {
        guard let elementType = type.arrayElement else { return nil }
        let item: Item
        do {
            item = try parse(text)
        } catch let error as SyntaxError {
            throw translator.refusal("invalid-literal", "malformed array literal: \"\(text)\" (\(error.reason))", at: node)
        } catch let error as LowerBound {
            throw translator.refusal("unsupported-cast", "array literal \"\(text)\" with lower bound \(error.bounds.map(String.init).joined(separator: ", ")): Bifrost stores arrays as JSON arrays, which always start at 1", at: node)
        }
        guard let storage = ArrayElement.storage(of: elementType), storage != .unknown else {
            throw translator.refusal("unsupported-array", "\(type.postgresName ?? "array") literal: elements of type \(elementType.postgresName ?? "?") are not stored exactly by the translator", at: node)
        }
        return .text(try json(item, translator, elementType, storage, at: node))
    }

    private static func json(_ item: Item, _ translator: ExpressionTranslator, _ elementType: SQLType,
                             _ storage: ArrayElement.Storage, at node: ParseNode) throws -> String {
        switch item {
        case let .array(items):
            return "[" + (try items.map { try json($0, translator, elementType, storage, at: node) }).joined(separator: ",") + "]"
        case .element(nil):
            return "null"
        case let .element(text?):
            let value = try LiteralCoercion.storage(of: text, as: elementType, translator: translator, at: node)
            switch (storage, value) {
            case let (.string, .literal(.text(string))): return quoted(string)
            case let (.integer, .literal(.integer(number))): return String(number)
            case let (.boolean, .literal(.integer(number))): return number != 0 ? "true" : "false"
            default:
                throw translator.refusal("unsupported-array", "\(elementType.postgresName ?? "?")[] literal element \"\(text)\"", at: node)
            }
        }
    }

    /// A JSON string exactly as Bifrost's converter writes one inside an array.
    static func quoted(_ text: String) -> String {
        storedJSONString(text)
    }

    // MARK: Parsing (array_in)

    static func parse(_ text: String) throws -> Item {
        var scalars = Substring(text).unicodeScalars[...]
        skipSpace(&scalars)
        let dimensions = try parseDimensions(&scalars)
        let item = try parseArray(&scalars)
        skipSpace(&scalars)
        guard scalars.isEmpty else { throw SyntaxError(reason: "junk after closing right brace") }
        let lengths = try shape(item)
        if !dimensions.isEmpty {
            guard dimensions.map({ $0.upper - $0.lower + 1 }) == lengths else {
                throw SyntaxError(reason: "Specified array dimensions do not match array contents.")
            }
            if dimensions.contains(where: { $0.lower != 1 }) { throw LowerBound(bounds: dimensions.map(\.lower)) }
        }
        return item
    }

    /// array_in's optional `[lower:upper]…=` (or `[upper]`, lower bound 1) before the braces;
    /// whitespace is allowed between the items, not within them.
    private static func parseDimensions(_ scalars: inout Substring.UnicodeScalarView.SubSequence) throws -> [(lower: Int, upper: Int)] {
        var dimensions: [(lower: Int, upper: Int)] = []
        func number() throws -> Int {
            var digits = ""
            while let first = scalars.first, first.properties.numericType == .decimal && first.isASCII || first == "-" || first == "+" {
                digits.unicodeScalars.append(first)
                scalars.removeFirst()
            }
            guard let value = Int32(digits) else { throw SyntaxError(reason: "Missing array dimension value.") }
            return Int(value)
        }
        while true {
            skipSpace(&scalars)
            guard scalars.first == "[" else { break }
            scalars.removeFirst()
            var lower = 1
            var upper = try number()
            if scalars.first == ":" {
                scalars.removeFirst()
                lower = upper
                upper = try number()
            }
            guard scalars.popFirst() == "]" else { throw SyntaxError(reason: "Missing \"]\" after array dimensions.") }
            guard upper >= lower else { throw SyntaxError(reason: "upper bound cannot be less than lower bound") }
            dimensions.append((lower, upper))
        }
        if !dimensions.isEmpty {
            guard scalars.popFirst() == "=" else { throw SyntaxError(reason: "Missing \"=\" after array dimensions.") }
            skipSpace(&scalars)
        }
        return dimensions
    }

    private static func skipSpace(_ scalars: inout Substring.UnicodeScalarView.SubSequence) {
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    }

    private static func parseArray(_ scalars: inout Substring.UnicodeScalarView.SubSequence) throws -> Item {
        guard scalars.popFirst() == "{" else { throw SyntaxError(reason: "array value must start with \"{\"") }
        var items: [Item] = []
        skipSpace(&scalars)
        if scalars.first == "}" {
            scalars.removeFirst()
            return .array([])
        }
        while true {
            skipSpace(&scalars)
            switch scalars.first {
            case "{": items.append(try parseArray(&scalars))
            case "\"": items.append(.element(try parseQuoted(&scalars)))
            case nil: throw SyntaxError(reason: "unexpected end of input")
            default: items.append(try parseBare(&scalars))
            }
            skipSpace(&scalars)
            switch scalars.popFirst() {
            case ",": continue
            case "}": return .array(items)
            default: throw SyntaxError(reason: "unexpected character")
            }
        }
    }

    private static func parseQuoted(_ scalars: inout Substring.UnicodeScalarView.SubSequence) throws -> String {
        scalars.removeFirst()
        var value = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\"": return String(value)
            case "\\":
                guard let escaped = scalars.popFirst() else { throw SyntaxError(reason: "unexpected end of input") }
                value.append(escaped)
            default: value.append(scalar)
            }
        }
        throw SyntaxError(reason: "unterminated quoted element")
    }

    /// An unquoted element: surrounding whitespace is dropped (escaped whitespace is kept);
    /// an unquoted `NULL` in any case is SQL NULL.
    private static func parseBare(_ scalars: inout Substring.UnicodeScalarView.SubSequence) throws -> Item {
        var value = String.UnicodeScalarView()
        var keptLength = 0
        var sawEscape = false
        while let scalar = scalars.first, scalar != ",", scalar != "}" {
            scalars.removeFirst()
            switch scalar {
            case "\\":
                guard let escaped = scalars.popFirst() else { throw SyntaxError(reason: "unexpected end of input") }
                value.append(escaped)
                keptLength = value.count
                sawEscape = true
            case "{", "\"":
                throw SyntaxError(reason: "unexpected \"\(scalar)\" character")
            default:
                value.append(scalar)
                if !scalar.properties.isWhitespace { keptLength = value.count }
            }
        }
        let element = String(String.UnicodeScalarView(value.prefix(keptLength)))
        if !sawEscape && element.uppercased() == "NULL" { return .element(nil) }
        guard !element.isEmpty else { throw SyntaxError(reason: "empty element") }
        return .element(element)
    }

    /// The dimension lengths; sub-arrays must be rectangular, as PostgreSQL requires.
    private static func shape(_ item: Item) throws -> [Int] {
        guard case let .array(items) = item else { return [] }
        let shapes = try items.map(shape)
        guard let first = shapes.first else { return [0] }
        guard shapes.allSatisfy({ $0 == first }) else {
            throw SyntaxError(reason: "multidimensional arrays must have sub-arrays with matching dimensions")
        }
        if first.first == 0 { throw SyntaxError(reason: "empty sub-arrays are not supported") }
        return [items.count] + first
    }
}
