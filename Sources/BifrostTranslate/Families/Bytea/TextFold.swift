/// A left fold over text in a recursive CTE, for codecs that consume their input piece by
/// piece: the first state column, `rest`, is what is left of the input; each step computes
/// the next state from the current one while `rest` is not empty; the answer is `result` on
/// the row where it is. A NULL input (seed condition false) gives no row, so NULL.
struct TextFold {
    let name: String

    func column(_ name: String) -> SQLiteExpression { .column(table: self.name, name: name) }
    var rest: SQLiteExpression { column("rest") }
    /// The first `length` characters of `rest` from `offset` (1-based).
    func next(_ offset: Int, _ length: Int = 1) -> SQLiteExpression {
        .call("substr", rest, .integer(Int64(offset)), .integer(Int64(length)))
    }

    static func build(_ context: TranslationContext, columns: [String], seed: [SQLiteExpression],
                      unless input: SQLiteExpression, step: (TextFold) -> [SQLiteExpression],
                      result: (TextFold) -> SQLiteExpression) -> SQLiteExpression {
        let fold = TextFold(name: context.freshAlias("fold"))
        let anchor = SQLiteSelectCore(columns: seed.map { .expression($0, alias: nil) },
                                      whereClause: .postfix(input, "IS NOT NULL"))
        let next = SQLiteSelectCore(columns: step(fold).map { .expression($0, alias: nil) },
                                    from: .table(name: fold.name, alias: nil),
                                    whereClause: .binary(fold.rest, "<>", .text("")))
        let with = SQLiteWith(recursive: true, tables: [SQLiteWith.Table(
            name: fold.name, columns: ["rest"] + columns,
            select: SQLiteSelect(body: .compound(.core(anchor), .unionAll, .core(next))))])
        return .subquery(SQLiteSelect(with: with, body: .core(SQLiteSelectCore(
            columns: [.expression(result(fold), alias: nil)], from: .table(name: fold.name, alias: nil),
            whereClause: .binary(fold.rest, "=", .text(""))))))
    }
}

/// Bytes as SQL values: a byte from its value, and byte values from hex text.
enum ByteSQL {
    /// Every byte value once, in order: `substr(table, v + 1, 1)` is the one-byte BLOB of `v`
    /// (SQLite has no function making a byte from a number; substr of a BLOB stays a BLOB).
    static let table = SQLiteExpression.literal(.blob((0...255).map { UInt8($0) }))

    /// The BLOB byte whose value is `value` (0…255).
    static func byte(_ value: SQLiteExpression) -> SQLiteExpression {
        .call("substr", table, .binary(value, "+", .integer(1)), .integer(1))
    }

    /// Byte strings are built by `||` on text (which joins BLOB bytes as they are) and cast back.
    static func blob(_ text: SQLiteExpression) -> SQLiteExpression { .cast(text, as: "BLOB") }

    /// The value of the hex digit `digit` in `digits` (0-based), -1 when it is not one.
    /// instr(…, '') is 1, so an absent digit (past the end) counts as 0.
    static func digit(_ digit: SQLiteExpression, _ digits: String) -> SQLiteExpression {
        .binary(.call("instr", .text(digits), digit), "-", .integer(1))
    }

    /// The value of the `index`-th byte (1-based) of upper-case hex text; 0 past its end.
    static func hexByte(_ hex: SQLiteExpression, _ index: Int) -> SQLiteExpression {
        let high = digit(.call("substr", hex, .integer(Int64(2 * index - 1)), .integer(1)), "0123456789ABCDEF")
        let low = digit(.call("substr", hex, .integer(Int64(2 * index)), .integer(1)), "0123456789ABCDEF")
        return .binary(.binary(high, "*", .integer(16)), "+", low)
    }

    /// PostgreSQL's whitespace in hex and base64 input.
    static func isSpace(_ character: SQLiteExpression) -> SQLiteExpression {
        .inList(character, [" ", "\t", "\n", "\r"].map { .text($0) }, negated: false)
    }
}
