/// The SQL simulating a `RegexAutomaton` on a text, in stock SQLite:
///
///     (WITH RECURSIVE v(x, n) AS MATERIALIZED (SELECT <value>, length(<value>)),
///        t(src, dst, class) AS (VALUES (0, 0, '?'), …),
///        m(p, s, c) AS (SELECT 1, 0, substr(x, 1, 1) FROM v WHERE x IS NOT NULL
///                       UNION
///                       SELECT p + 1, dst, substr(x, p + 1, 1) FROM m JOIN v JOIN t ON src = s
///                       WHERE p <= n AND c GLOB class)
///      SELECT EXISTS (SELECT 1 FROM m, v WHERE s IN (<decided>) OR p = n + 1 AND s IN (<accepting>))
///      FROM v WHERE x IS NOT NULL)
///
/// `m` holds the (position, state) pairs reached, with the character at the position (`c`,
/// taken once per pair: SQLite's `substr` walks the text from its start); UNION keeps each pair
/// once, so the rows are linear in length × states. A state in which the match is decided whatever follows has no moves and
/// accepts at any position. NULL text gives no row, hence NULL. Column names carry the alias so they
/// never capture columns of the outer query. Subqueries are not allowed in CHECK constraints and
/// index expressions; SQLite refuses such DDL rather than computing something else.
extension RegexAutomaton {
    func matches(_ value: SQLiteExpression, alias: String) -> SQLiteExpression {
        func column(_ name: String) -> SQLiteExpression { .column(table: nil, name: alias + "_" + name) }
        func core(_ columns: [SQLiteExpression], from: SQLiteFrom?, where condition: SQLiteExpression?) -> SQLiteSelectCore {
            SQLiteSelectCore(columns: columns.map { .expression($0, alias: nil) }, from: from, whereClause: condition)
        }
        let (subjectTable, movesTable, reachedTable) = (alias + "_v", alias + "_t", alias + "_m")
        let (text, length, position, state, character) = (column("x"), column("n"), column("p"), column("s"), column("c"))
        let (source, target, characterClass) = (column("src"), column("dst"), column("class"))

        var rows = transitions.map { transition -> [SQLiteExpression] in
            [.integer(Int64(transition.source)), .integer(Int64(transition.target)), .text(Self.glob(transition.atom))]
        }
        if rows.isEmpty { rows = [[.integer(-1), .integer(-1), .text("")]] } // VALUES needs a row
        let notNull = SQLiteExpression.postfix(text, "IS NOT NULL")
        let subjectFrom = SQLiteFrom.table(name: subjectTable, alias: nil)
        let seed = core([.integer(1), .integer(0), .call("substr", text, .integer(1), .integer(1))], from: subjectFrom, where: notNull)
        let stepConditions: [SQLiteExpression] = [
            .binary(position, "<=", length),
            .pattern(character, .glob, characterClass, escape: nil, negated: false),
        ]
        let stepFrom = SQLiteFrom.join(.join(.table(name: reachedTable, alias: nil), .inner, subjectFrom, on: nil, using: []),
                                       .inner, .table(name: movesTable, alias: nil), on: .binary(source, "=", state), using: [])
        let next = SQLiteExpression.binary(position, "+", .integer(1))
        let step = core([next, target, .call("substr", text, next, .integer(1))], from: stepFrom, where: .and(stepConditions))

        func member(_ states: Set<Int>) -> SQLiteExpression? {
            states.isEmpty ? nil : .inList(state, states.sorted().map { .integer(Int64($0)) }, negated: false)
        }
        let atEnd = SQLiteExpression.binary(position, "=", .binary(length, "+", .integer(1)))
        let accepted = [member(decided), member(accepting.subtracting(decided)).map { .binary(atEnd, "AND", $0) }].compactMap { $0 }
        let acceptance = core([.integer(1)], from: .join(.table(name: reachedTable, alias: nil), .inner, subjectFrom, on: nil, using: []),
                              where: .or(accepted))

        let with = SQLiteWith(recursive: true, tables: [
            .init(name: subjectTable, columns: [alias + "_x", alias + "_n"],
                  select: SQLiteSelect(core([value, .call("length", value)], from: nil, where: nil)), materialized: true),
            .init(name: movesTable, columns: [alias + "_src", alias + "_dst", alias + "_class"],
                  select: SQLiteSelect(body: .values(rows))),
            .init(name: reachedTable, columns: [alias + "_p", alias + "_s", alias + "_c"],
                  select: SQLiteSelect(body: .compound(.core(seed), .union, .core(step)))),
        ])
        return .subquery(SQLiteSelect(with: with, body: .core(core([.exists(SQLiteSelect(acceptance))], from: subjectFrom, where: notNull))))
    }

    /// The GLOB pattern matching one character of the atom.
    private static func glob(_ atom: RegexPattern.Atom) -> String {
        switch atom {
        case .any: return "?"
        case let .set(set): return GlobPattern.render(set)
        }
    }
}
