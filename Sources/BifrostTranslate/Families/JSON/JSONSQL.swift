/// Building blocks for SQL over JSON text in Bifrost's storage form.
///
/// An *element* is the JSON text of a value (what `->` returns; NULL when absent). For jsonb the
/// stored text is canonical (PostgreSQL's output minus whitespace), and SQLite's `->` returns
/// sub-values byte for byte as stored, so elements of jsonb are canonical too.
///
/// Paths: SQLite's `$."key"` compares the key's *escaped* text and ends at the first `"`, so
/// keys are written with PostgreSQL's (= json_quote's) escapes and keys containing `"` cannot be
/// addressed: refused at translation time, or a run-time error for keys only known then.
enum JSONSQL {
    // MARK: Paths

    /// `."key"` with the key escaped as stored; nil when the key contains a double quote.
    static func keySegment(_ key: String) -> String? {
        key.contains("\"") ? nil : ".\"" + JSONDocument.escapedContent(key) + "\""
    }

    /// `[n]`, or `[#-n]` counting from the end as PostgreSQL's negative indexes do.
    static func indexSegment(_ index: Int) -> String {
        index >= 0 ? "[\(index)]" : "[#\(index)]"
    }

    /// The key segment for a key known at run time (NULL key → NULL path → NULL result).
    static func dynamicKeySegment(_ key: SQLiteExpression) -> SQLiteExpression {
        let quoted = SQLiteExpression.call("json_quote", key)
        let content = SQLiteExpression.call("substr", quoted, .integer(2), .binary(.call("length", quoted), "-", .integer(2)))
        return .caseWhen(SQLiteCase(operand: nil, branches: [
            .init(condition: key.isNull(), result: .null),
            .init(condition: .binary(.call("instr", key, .text("\"")), ">", .integer(0)),
                  result: RuntimeFailure.raise("a JSON key containing a double quote cannot be looked up in SQLite")),
        ], otherwise: concat([.text(".\""), content, .text("\"")])))
    }

    static func dynamicIndexSegment(_ index: SQLiteExpression) -> SQLiteExpression {
        .when(.binary(index, "<", .integer(0)),
              then: concat([.text("[#"), index, .text("]")]),
              else: concat([.text("["), index, .text("]")]))
    }

    /// Text concatenation with static parts merged.
    static func concat(_ parts: [SQLiteExpression]) -> SQLiteExpression {
        var merged: [SQLiteExpression] = []
        for part in parts {
            if case let .literal(.text(next)) = part, case let .literal(.text(previous))? = merged.last {
                merged[merged.count - 1] = .text(previous + next)
            } else {
                merged.append(part)
            }
        }
        return merged.dropFirst().reduce(merged.first ?? .text("")) { .binary($0, "||", $1) }
    }

    /// `element -> segment`, merged into the path of an existing lookup when possible.
    static func lookup(_ element: SQLiteExpression, _ segment: SQLiteExpression) -> SQLiteExpression {
        if case let .binary(base, "->", path) = element {
            return .binary(base, "->", concat([path, segment]))
        }
        return .binary(element, "->", concat([.text("$"), segment]))
    }

    /// The document and path of an element, for functions taking a path argument.
    static func documentAndPath(_ element: SQLiteExpression) -> (SQLiteExpression, SQLiteExpression) {
        if case let .binary(base, "->", path) = element { return (base, path) }
        return (element, .text("$"))
    }

    static func type(_ element: SQLiteExpression) -> SQLiteExpression {
        let (document, path) = documentAndPath(element)
        if path == .text("$") { return .call("json_type", document) }
        return .call("json_type", document, path)
    }

    // MARK: Containers from rows

    /// `open || members joined by ',' || close` over the rows of `from`, in `order` — guaranteed,
    /// since the join is a window aggregate over an ordered frame (a plain group_concat over an
    /// ordered subquery is not promised to keep that order). The empty container when there are
    /// no rows.
    static func container(_ member: SQLiteExpression, open: String, close: String, order: [SQLiteOrderingTerm],
                          from: SQLiteFrom, where condition: SQLiteExpression? = nil) -> SQLiteExpression {
        let joined = ArraySQL.orderedAggregate("group_concat", [member, .text(",")], order: order, from: from, where: condition)
        return concat([.text(open), .call("coalesce", joined, .text("")), .text(close)])
    }

    /// The order of jsonb object keys: shorter (in bytes) first, then bytewise.
    static func jsonbKeyOrder(_ key: SQLiteExpression) -> [SQLiteOrderingTerm] {
        [SQLiteOrderingTerm(.call("length", .cast(key, as: "BLOB"))), SQLiteOrderingTerm(key)]
    }

    // MARK: Binding

    /// Whether repeating the expression in SQL is cheap (so it needs no binding).
    static func isSimple(_ expression: SQLiteExpression) -> Bool {
        switch expression {
        case .column, .parameter, .literal: return true
        case let .binary(base, "->", .literal): return isSimple(base)
        default: return false
        }
    }

    /// `value` made safe to use inside subqueries, EXISTS and json_each arguments: an aggregate
    /// of the outer query (`jsonb_agg(x) @> …`) is accepted there only inside a FROM-less
    /// subquery, so anything but a simple expression is wrapped in `(SELECT value)`.
    static func isolated(_ value: SQLiteExpression) -> SQLiteExpression {
        isSimple(value) ? value : .subquery(SQLiteSelect(SQLiteSelectCore(columns: [.expression(value, alias: nil)])))
    }

    /// Evaluates `value` (JSON text or NULL) once and builds on it:
    /// `(SELECT body(v.value) FROM json_each(json_array((SELECT value || ''))) AS v)`. A
    /// FROM-less subquery in a table-valued function's argument, unlike a FROM subquery or a
    /// CTE, may hold an aggregate of the outer query (`jsonb_agg(x)::text`); the one-element
    /// array gives the text back unchanged (`|| ''` drops the JSON subtype `->` sets, so that
    /// json_array takes it as a string).
    static func bind(_ value: SQLiteExpression, _ context: TranslationContext,
                     _ body: (SQLiteExpression) -> SQLiteExpression) -> SQLiteExpression {
        if isSimple(value) { return body(value) }
        let alias = context.freshAlias("jv")
        return .subquery(SQLiteSelect(SQLiteSelectCore(
            columns: [.expression(body(.column(table: alias, name: "value")), alias: nil)],
            from: .tableFunction(name: "json_each", arguments: [.call("json_array", .subquery(SQLiteSelect(SQLiteSelectCore(
                columns: [.expression(.binary(value, "||", .text("")), alias: nil)]))))], alias: alias))))
    }

    // MARK: Text

    /// What `->>` returns for an element: strings unescaped, JSON null → SQL NULL, numbers and
    /// booleans as written, containers as PostgreSQL prints them (jsonb: with a space after `:`
    /// and `,`; json: as stored, i.e. without the original whitespace).
    static func text(of element: SQLiteExpression, jsonb: Bool, _ context: TranslationContext,
                     at location: Int?) -> SQLiteExpression {
        if !jsonb {
            context.warnOnce("json-whitespace", "json (not jsonb) values are stored without their insignificant whitespace; text of a json object or array is printed compact", at: location)
        }
        return bind(element, context) { value in
            text(of: value, type: type(value), string: .binary(value, "->>", .text("$")), container: value,
                 jsonb: jsonb, context, at: nil)
        }
    }

    /// The same for an element whose json_type, string value (for strings) and container text
    /// are at hand (as in a json_each row).
    static func text(of element: SQLiteExpression, type: SQLiteExpression, string: SQLiteExpression,
                     container: SQLiteExpression, jsonb: Bool, _ context: TranslationContext,
                     at location: Int?) -> SQLiteExpression {
        if !jsonb, let location {
            context.warnOnce("json-whitespace", "json (not jsonb) values are stored without their insignificant whitespace; text of a json object or array is printed compact", at: location)
        }
        // Scalars are listed so that the (costly) container text is built once, in ELSE.
        return .caseWhen(SQLiteCase(operand: type, branches: [
            .init(condition: .text("text"), result: string),
            .init(condition: .text("null"), result: .null),
        ] + ["integer", "real", "true", "false"].map { .init(condition: .text($0), result: element) },
        otherwise: jsonb ? spaced(container, context) : container))
    }

    /// PostgreSQL's jsonb text from the stored compact text: a space after every `:` and `,`
    /// outside strings. A recursive CTE walks from one `"` to the next, tracking whether it is
    /// inside a string (a `"` preceded by an odd number of backslashes does not end one).
    static func spaced(_ json: SQLiteExpression, _ context: TranslationContext) -> SQLiteExpression {
        let name = context.freshAlias("spaced")
        let rest = SQLiteExpression.column(table: nil, name: "rest")
        let out = SQLiteExpression.column(table: nil, name: "out")
        let inString = SQLiteExpression.column(table: nil, name: "q")
        let quote = SQLiteExpression.call("instr", rest, .text("\""))
        let noQuote = SQLiteExpression.binary(quote, "=", .integer(0))
        let piece = SQLiteExpression.when(noQuote, then: rest, else: .call("substr", rest, .integer(1), quote))
        let spacedPiece = SQLiteExpression.call("replace", .call("replace", piece, .text(":"), .text(": ")), .text(","), .text(", "))
        let beforeQuote = SQLiteExpression.call("substr", rest, .integer(1), .binary(quote, "-", .integer(1)))
        let backslashes = SQLiteExpression.binary(.call("length", beforeQuote), "-", .call("length", .call("rtrim", beforeQuote, .text("\\"))))
        let escapedQuote = SQLiteExpression.binary(.binary(backslashes, "%", .integer(2)), "=", .integer(1))
        let anchor = SQLiteSelect(SQLiteSelectCore(
            columns: [.expression(json, alias: nil), .expression(.text(""), alias: nil), .expression(.integer(0), alias: nil)],
            whereClause: .postfix(json, "IS NOT NULL")))
        let step = SQLiteSelectCore(
            columns: [
                .expression(.when(noQuote, then: .null, else: .call("substr", rest, .binary(quote, "+", .integer(1)))), alias: nil),
                .expression(.binary(out, "||", .when(inString, then: piece, else: spacedPiece)), alias: nil),
                .expression(.when(.and([inString, escapedQuote]), then: .integer(1), else: .prefix("NOT", inString)), alias: nil),
            ],
            from: .table(name: name, alias: nil),
            whereClause: .postfix(rest, "IS NOT NULL"))
        let cte = SQLiteWith(recursive: true, tables: [SQLiteWith.Table(
            name: name, columns: ["rest", "out", "q"],
            select: SQLiteSelect(body: .compound(anchor.body, .unionAll, .core(step))))])
        return .subquery(SQLiteSelect(with: cte, body: .core(SQLiteSelectCore(
            columns: [.expression(out, alias: nil)], from: .table(name: name, alias: nil),
            whereClause: rest.isNull()))))
    }

    /// jsonb_typeof / json_typeof names for SQLite's json_type().
    static func typeName(_ element: SQLiteExpression) -> SQLiteExpression {
        .caseWhen(SQLiteCase(operand: type(element), branches: [
            .init(condition: .text("integer"), result: .text("number")),
            .init(condition: .text("real"), result: .text("number")),
            .init(condition: .text("text"), result: .text("string")),
            .init(condition: .text("true"), result: .text("boolean")),
            .init(condition: .text("false"), result: .text("boolean")),
        ], otherwise: type(element)))
    }

    /// A jsonb number's text with trailing fractional zeros removed, so numerically equal
    /// canonical numbers (1.5, 1.50) compare equal as text. Canonical jsonb numbers have no exponent.
    static func normalizedNumber(_ text: SQLiteExpression) -> SQLiteExpression {
        .when(.binary(.call("instr", text, .text(".")), ">", .integer(0)),
              then: .call("rtrim", .call("rtrim", text, .text("0")), .text(".")), else: text)
    }

    static func normalizedNumber(_ canonical: String) -> String {
        guard canonical.contains(".") else { return canonical }
        var text = Substring(canonical)
        while text.hasSuffix("0") { text = text.dropLast() }
        if text.hasSuffix(".") { text = text.dropLast() }
        return String(text)
    }

    /// NULL when `value` is NULL, else `expression` (for results PostgreSQL makes NULL on NULL input
    /// where the SQLite expression would not).
    static func nullIfNull(_ values: [SQLiteExpression], _ expression: SQLiteExpression) -> SQLiteExpression {
        let nullable = values.filter { if case .literal = $0 { return false } else { return true } }
        guard !nullable.isEmpty else { return expression }
        return .when(.or(nullable.map { $0.isNull() }), then: .null, else: expression)
    }
}
