/// A scalar subquery that walks a text character by character with a recursive CTE, for
/// functions SQLite has no per-character equivalent of (case folding beyond ASCII, translate,
/// reverse, initcap). Stock SQLite cannot nest more than ~25 function calls (its parser stack),
/// so long `replace()` chains are not an option.
///
/// Subqueries are not allowed in CHECK constraints and index expressions; SQLite then refuses
/// the DDL with an error rather than computing something else.
struct CharacterWalk {
    /// The current character, `substr(text, i, 1)`.
    let character: SQLiteExpression
    /// The state after the previous character (nil when the walk keeps none).
    let state: SQLiteExpression?

    /// Builds the walk over `text`: `emit` gives what each character contributes to the result
    /// (appended, or prepended when `prepend`), `next` the state after it.
    static func subquery(over text: SQLiteExpression, alias: String, initialState: SQLiteExpression? = nil,
                         next: ((CharacterWalk) -> SQLiteExpression)? = nil, prepend: Bool = false,
                         emit: (CharacterWalk) -> SQLiteExpression) -> SQLiteExpression {
        // Column names carry the alias so they never capture columns of the outer query.
        let (indexName, stateName, resultName) = (alias + "_i", alias + "_state", alias + "_result")
        let index = SQLiteExpression.column(table: nil, name: indexName)
        let result = SQLiteExpression.column(table: nil, name: resultName)
        let walk = CharacterWalk(character: .call("substr", text, index, .integer(1)),
                                 state: initialState == nil ? nil : .column(table: nil, name: stateName))
        let piece = emit(walk)
        let start = SQLiteSelectCore(columns: [.expression(.integer(1), alias: nil), .expression(initialState ?? .null, alias: nil),
                                               .expression(.text(""), alias: nil)])
        let step = SQLiteSelectCore(
            columns: [.expression(.binary(index, "+", .integer(1)), alias: nil),
                      .expression(next.map { $0(walk) } ?? .null, alias: nil),
                      .expression(prepend ? .binary(piece, "||", result) : .binary(result, "||", piece), alias: nil)],
            from: .table(name: alias, alias: nil),
            whereClause: .binary(index, "<=", .call("length", text)))
        let table = SQLiteWith.Table(name: alias, columns: [indexName, stateName, resultName],
                                     select: SQLiteSelect(body: .compound(.core(start), .unionAll, .core(step))))
        return .subquery(SQLiteSelect(
            with: SQLiteWith(recursive: true, tables: [table]),
            body: .core(SQLiteSelectCore(columns: [.expression(result, alias: nil)], from: .table(name: alias, alias: nil),
                                         whereClause: .binary(index, "=", .binary(.call("length", text), "+", .integer(1)))))))
    }

    /// `substr(to, instr(from, c), 1)` when c occurs in `from`, else `otherwise`: one
    /// character looked up in two parallel strings.
    static func lookup(_ character: SQLiteExpression, from: SQLiteExpression, to: SQLiteExpression,
                       otherwise: SQLiteExpression) -> SQLiteExpression {
        let position = SQLiteExpression.call("instr", from, character)
        return .when(.binary(position, ">", .integer(0)), then: .call("substr", to, position, .integer(1)), else: otherwise)
    }
}
