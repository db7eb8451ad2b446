/// Argument helpers shared by the text functions.
extension ExpressionTranslator {
    /// An argument that must be text; an untyped literal or parameter becomes text.
    /// A quoted literal keeps its text in `literalText`.
    func textArgument(_ node: ParseNode, of call: FunctionCall) throws -> Typed {
        try textArgument(try translate(node), at: node, of: call)
    }

    /// An already translated argument that must be text.
    func textArgument(_ raw: Typed, at node: ParseNode, of call: FunctionCall) throws -> Typed {
        var value = try coerce(raw, to: .text("text"), at: node)
        if raw.type == .unknownLiteral { value.literalText = raw.literalText }
        guard value.type.isTextual || value.type == .any || value.type == .null else {
            throw refusal("unsupported-function", "\(call.name)() on \(value.type.postgresName ?? "?") values", at: node)
        }
        return value
    }

    /// An argument that must be an integer.
    func integerArgument(_ node: ParseNode, of call: FunctionCall) throws -> Typed {
        try integerArgument(try translate(node), at: node, of: call)
    }

    /// An already translated argument that must be an integer.
    func integerArgument(_ raw: Typed, at node: ParseNode, of call: FunctionCall) throws -> Typed {
        // Open values become integer; bigint and smallint keep their type (to_hex needs it).
        let value = raw.type.isInteger ? raw : try coerce(raw, to: .integer("integer"), at: node)
        guard value.type.isInteger || value.type == .any || value.type == .null else {
            throw refusal("unsupported-function", "\(call.name)() needs an integer here, not \(value.type.postgresName ?? "?")", at: node)
        }
        return value
    }

    /// All arguments as text, in order.
    func textArguments(_ call: FunctionCall) throws -> [Typed] {
        try call.arguments.map { try textArgument($0, of: call) }
    }
}

/// Small SQL building blocks for text functions.
enum TextSQL {
    static let type = SQLType.text("text")

    /// `n` copies of `text` without a repeat() function: `replace(hex(zeroblob(n)), '00', text)`
    /// (the hex of n zero bytes is n pairs of `00`; n ≤ 0 gives '').
    static func repeated(_ text: SQLiteExpression, _ count: SQLiteExpression) -> SQLiteExpression {
        .call("replace", .call("hex", .call("zeroblob", count)), .text("00"), text)
    }

    /// `CASE WHEN a IS NULL OR b IS NULL … THEN NULL ELSE value END`, for functions that are
    /// strict in PostgreSQL where the SQLite spelling is not.
    static func strict(_ value: SQLiteExpression, on arguments: [SQLiteExpression]) -> SQLiteExpression {
        let nullable = arguments.filter { if case .literal = $0 { return false } else { return true } }
        if arguments.contains(.null) { return .null }
        guard !nullable.isEmpty else { return value }
        return .when(.or(nullable.map { $0.isNull() }), then: .null, else: value)
    }

    static func length(_ text: SQLiteExpression) -> SQLiteExpression { .call("length", text) }

    static func greatest(_ left: SQLiteExpression, _ right: SQLiteExpression) -> SQLiteExpression {
        .call("max", left, right)
    }
}
