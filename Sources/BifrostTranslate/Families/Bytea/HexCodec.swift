/// encode(bytea, 'hex') and decode(text, 'hex').
enum HexCodec {
    static func encode(_ bytes: SQLiteExpression) -> SQLiteExpression {
        // hex(NULL) is '' in SQLite.
        ArraySQL.nullIfAnyNull([bytes], .call("lower", .call("hex", bytes)))
    }

    /// PostgreSQL's hex_decode: pairs of hex digits (either case), whitespace allowed between
    /// pairs only; an invalid digit or an odd count is an error.
    static func decode(_ text: SQLiteExpression, _ context: TranslationContext) -> SQLiteExpression {
        TextFold.build(context, columns: ["out"], seed: [text, .text("")], unless: text, step: { fold in
            let first = fold.next(1)
            let second = fold.next(2)
            let high = ByteSQL.digit(.call("lower", first), "0123456789abcdef")
            let low = ByteSQL.digit(.call("lower", second), "0123456789abcdef")
            let skip = ByteSQL.isSpace(first)
            let invalid = RuntimeFailure.raise("invalid hexadecimal digit")
            let out = SQLiteExpression.caseWhen(SQLiteCase(operand: nil, branches: [
                .init(condition: skip, result: fold.column("out")),
                .init(condition: .binary(high, "<", .integer(0)), result: invalid),
                .init(condition: .binary(second, "=", .text("")), result: RuntimeFailure.raise("invalid hexadecimal data: odd number of digits")),
                .init(condition: .binary(low, "<", .integer(0)), result: invalid),
            ], otherwise: .binary(fold.column("out"), "||", ByteSQL.byte(.binary(.binary(high, "*", .integer(16)), "+", low)))))
            let rest = SQLiteExpression.call("substr", fold.rest, .when(skip, then: .integer(2), else: .integer(3)))
            return [rest, out]
        }, result: { ByteSQL.blob($0.column("out")) })
    }
}
