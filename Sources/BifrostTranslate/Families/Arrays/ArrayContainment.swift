/// `@>`, `<@` and `&&` on arrays: element membership over all dimensions. NULL elements
/// never match (so `ARRAY[NULL] <@ ARRAY[NULL]` is false); the result is NULL only when an
/// operand is NULL. Operands that are not arrays (jsonb `@>`) are left to the next handler.
enum ArrayContainment {
    static let operators: [String: OperatorHandler] = [
        "@>": { translator, call in try contains(translator, call, flipped: false) },
        "<@": { translator, call in try contains(translator, call, flipped: true) },
        "&&": { translator, call in try overlaps(translator, call) },
    ]

    /// Both operands as arrays of one element type; nil when neither is an array.
    private static func operands(_ translator: ExpressionTranslator, _ call: OperatorCall) throws -> (Typed, Typed)? {
        guard var left = call.left else { return nil }
        var right = call.right
        guard left.type.isArray || right.type.isArray else { return nil }
        if left.type.isOpen { left = try translator.coerce(left, to: right.type, at: call.node) }
        if right.type.isOpen { right = try translator.coerce(right, to: left.type, at: call.node) }
        guard left.type.isArray, right.type.isArray else {
            throw translator.refusal("unsupported-syntax", "operator \(call.symbol) for \(left.type.postgresName ?? "?") and \(right.type.postgresName ?? "?")", at: call.node)
        }
        for operand in [left, right] {
            _ = try ArrayElement.require(translator, operand.type, "operator \(call.symbol)", at: call.node)
        }
        return (left, right)
    }

    private static func contains(_ translator: ExpressionTranslator, _ call: OperatorCall, flipped: Bool) throws -> Typed? {
        guard let (left, right) = try operands(translator, call) else { return nil }
        let (container, contained) = flipped ? (right, left) : (left, right)
        let context = translator.context
        let wanted = ArraySQL.Atoms(contained.sql, context: context)
        let present = ArraySQL.Atoms(container.sql, context: context)
        let found = ArraySQL.exists(present.from, where: .and([present.condition, .binary(present.value, "=", wanted.value)]))
        let missing = ArraySQL.exists(wanted.from, where: .and([wanted.condition, .prefix("NOT", found)]))
        context.rewrote("array \(call.symbol)", as: "NOT EXISTS over json_tree", at: call.node.location)
        return Typed(ArraySQL.nullIfAnyNull([left.sql, right.sql], .prefix("NOT", missing)), .boolean)
    }

    private static func overlaps(_ translator: ExpressionTranslator, _ call: OperatorCall) throws -> Typed? {
        guard let (left, right) = try operands(translator, call) else { return nil }
        let context = translator.context
        let first = ArraySQL.Atoms(left.sql, context: context)
        let second = ArraySQL.Atoms(right.sql, context: context)
        let common = ArraySQL.exists(.join(first.from, .inner, second.from, on: nil, using: []),
                                     where: .and([first.condition, second.condition, .binary(first.value, "=", second.value)]))
        context.rewrote("array &&", as: "EXISTS over json_tree", at: call.node.location)
        return Typed(ArraySQL.nullIfAnyNull([left.sql, right.sql], common), .boolean)
    }
}
