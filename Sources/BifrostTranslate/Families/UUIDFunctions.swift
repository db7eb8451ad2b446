/// gen_random_uuid() and uuid_generate_v4(): a version 4 UUID in pure SQL, so a converted file
/// works in any SQLite client (no extension functions).
enum UUIDFunctions {
    static let handlers: [String: FunctionHandler] = [
        "gen_random_uuid": randomUUID,
        "uuid_generate_v4": randomUUID,
    ]

    private static func randomUUID(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 0...0)
        translator.context.rewrote("\(call.name)()", as: "a v4 UUID from randomblob() with the version and variant set", at: call.location)
        return Typed(randomV4, .uuid)
    }

    /// Lowercase 8-4-4-4-12 hex from random bytes, version nibble 4, variant 10xx (8, 9, a or b).
    /// Every group draws its own random bytes: together they are as random as one randomblob(16),
    /// and the expression stays free of subqueries, so it is valid in a column DEFAULT.
    static let randomV4: SQLiteExpression = {
        func randomHex(_ bytes: Int64) -> SQLiteExpression { .call("hex", .call("randomblob", .integer(bytes))) }
        func dropFirstDigit(_ hex: SQLiteExpression) -> SQLiteExpression { .call("substr", hex, .integer(2)) }
        let variant = SQLiteExpression.call("substr", .text("89AB"),
                                            .binary(.integer(1), "+", .binary(.call("random"), "&", .integer(3))),
                                            .integer(1))
        let parts: [SQLiteExpression] = [
            randomHex(4), .text("-"), randomHex(2), .text("-4"), dropFirstDigit(randomHex(2)), .text("-"),
            variant, dropFirstDigit(randomHex(2)), .text("-"), randomHex(6),
        ]
        let joined = parts.dropFirst().reduce(parts[0]) { .binary($0, "||", $1) }
        return .call("lower", joined)
    }()
}
