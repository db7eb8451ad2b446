/// encode(bytea, 'base64') and decode(text, 'base64') as PostgreSQL's pg_base64_encode /
/// pg_base64_decode do them.
enum Base64Codec {
    static let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    /// Three bytes at a time (from the upper-case hex text) into four characters, `=`-padded at
    /// the end; PostgreSQL writes a newline after every 76 characters (19 full groups), even
    /// at the very end.
    static func encode(_ bytes: SQLiteExpression, _ context: TranslationContext) -> SQLiteExpression {
        TextFold.build(context, columns: ["out", "g"], seed: [.call("hex", bytes), .text(""), .integer(0)],
                       unless: bytes, step: { fold in
            let count = SQLiteExpression.call("min", .integer(3), .binary(.call("length", fold.rest), "/", .integer(2)))
            let buffer = SQLiteExpression.binary(.binary(.binary(ByteSQL.hexByte(fold.rest, 1), "*", .integer(65536)), "+",
                                                         .binary(ByteSQL.hexByte(fold.rest, 2), "*", .integer(256))), "+",
                                                 ByteSQL.hexByte(fold.rest, 3))
            func symbol(_ shift: Int64) -> SQLiteExpression {
                .call("substr", .text(alphabet), .binary(.binary(.binary(buffer, "/", .integer(shift)), "%", .integer(64)), "+", .integer(1)), .integer(1))
            }
            let group = JSONSQL.concat([
                symbol(262_144), symbol(4096),
                .when(.binary(count, ">=", .integer(2)), then: symbol(64), else: .text("=")),
                .when(.binary(count, "=", .integer(3)), then: symbol(1), else: .text("=")),
                .when(.and([.binary(count, "=", .integer(3)),
                            .binary(.binary(.binary(fold.column("g"), "+", .integer(1)), "%", .integer(19)), "=", .integer(0))]),
                      then: .text("\n"), else: .text("")),
            ])
            return [.call("substr", fold.rest, .integer(7)), .binary(fold.column("out"), "||", group),
                    .binary(fold.column("g"), "+", .integer(1))]
        }, result: { $0.column("out") })
    }

    /// One character at a time, with PostgreSQL's state: whitespace is skipped anywhere; `=`
    /// counts as a zero symbol and, the first time, fixes how many bytes each later group
    /// gives (2 after two symbols of a group, 1 after three, an error elsewhere); every fourth
    /// symbol emits the group's bytes; a partial group at the end is an error.
    static func decode(_ text: SQLiteExpression, _ context: TranslationContext) -> SQLiteExpression {
        TextFold.build(context, columns: ["out", "buf", "pos", "fin"],
                       seed: [text, .text(""), .integer(0), .integer(0), .integer(0)], unless: text, step: { fold in
            let character = fold.next(1)
            let (out, buf, pos, fin) = (fold.column("out"), fold.column("buf"), fold.column("pos"), fold.column("fin"))
            let skip = ByteSQL.isSpace(character)
            let pad = SQLiteExpression.binary(character, "=", .text("="))
            let symbol = ByteSQL.digit(character, alphabet)
            let value = SQLiteExpression.caseWhen(SQLiteCase(operand: nil, branches: [
                .init(condition: pad, result: .integer(0)),
                .init(condition: .binary(symbol, "<", .integer(0)), result: RuntimeFailure.raise("invalid symbol found while decoding base64 sequence")),
            ], otherwise: symbol))
            let newFin = SQLiteExpression.when(.and([pad, .binary(fin, "=", .integer(0))]), then: .caseWhen(SQLiteCase(operand: pos, branches: [
                .init(condition: .integer(2), result: .integer(1)),
                .init(condition: .integer(3), result: .integer(2)),
            ], otherwise: RuntimeFailure.raise("unexpected \"=\" while decoding base64 sequence"))), else: fin)
            let newBuf = SQLiteExpression.binary(.binary(buf, "*", .integer(64)), "+", value)
            let complete = SQLiteExpression.binary(pos, "=", .integer(3))
            func byte(_ shift: Int64, keptWhenFinAbove limit: Int64?) -> SQLiteExpression {
                let value = ByteSQL.byte(.binary(.binary(newBuf, "/", .integer(shift)), "%", .integer(256)))
                guard let limit else { return value }
                return .when(.or([.binary(newFin, "=", .integer(0)), .binary(newFin, ">", .integer(limit))]), then: value, else: .text(""))
            }
            let emitted = JSONSQL.concat([out, byte(65536, keptWhenFinAbove: nil), byte(256, keptWhenFinAbove: 1), byte(1, keptWhenFinAbove: 2)])
            return [
                .call("substr", fold.rest, .integer(2)),
                .when(skip, then: out, else: .when(complete, then: emitted, else: out)),
                .when(skip, then: buf, else: .when(complete, then: .integer(0), else: newBuf)),
                .when(skip, then: pos, else: .when(complete, then: .integer(0), else: .binary(pos, "+", .integer(1)))),
                .when(skip, then: fin, else: newFin),
            ]
        }, result: { fold in
            .when(.binary(fold.column("pos"), "<>", .integer(0)),
                  then: RuntimeFailure.raise("invalid base64 end sequence"), else: ByteSQL.blob(fold.column("out")))
        })
    }
}
