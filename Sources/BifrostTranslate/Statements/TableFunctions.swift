/// Set-returning functions in FROM: unnest, generate_series and the JSON ones. Each becomes a
/// `json_each` over a JSON array or object — a table-valued function, so, like PostgreSQL's
/// functions in FROM, its argument may refer to the FROM items before it.
enum TableFunctions {
    /// What a set-returning function produces: a `json_each` source and its columns.
    struct Source {
        var argument: SQLiteExpression
        /// (PostgreSQL column name, type, value from the `json_each` row named by the alias).
        var columns: [(name: String, type: SQLType, value: (String) -> SQLiteExpression)]
        /// Whether `key + 1` numbers the rows (arrays); objects have no WITH ORDINALITY here.
        var ordered: Bool
    }

    static func translate(context: TranslationContext, scope: Scope, node: ParseNode) throws -> SQLiteFrom {
        if node.bool("is_rowsfrom") {
            throw context.refusal("unsupported-syntax", "ROWS FROM (…)", at: node.location)
        }
        let functions = node.list("functions")
        guard functions.count == 1, let parts = functions.first?.list("items"), let call = parts.first, call.tag == "FuncCall" else {
            throw context.refusal("unsupported-syntax", "this function call in FROM", at: node.location)
        }
        if parts.count > 1 || node.has("coldeflist") {
            throw context.refusal("unsupported-syntax", "a column definition list on a function in FROM", at: call.location)
        }
        let name = (call.names("funcname").last ?? "").lowercased()
        let translator = ExpressionTranslator(context: context, scope: scope)
        let source = try self.source(name, call, translator)
        let alias = node.embedded("alias", as: "Alias")
        let relationName = alias?.string("aliasname") ?? name
        var names = alias?.names("colnames") ?? []
        let ordinality = node.bool("ordinality")
        let expected = source.columns.count + (ordinality ? 1 : 0)
        guard names.count <= expected else {
            throw context.refusal("unsupported-syntax", "\(name)() has \(expected) column(s), but \(names.count) aliases were given", at: node.location)
        }
        if ordinality && !source.ordered {
            throw context.refusal("unsupported-syntax", "\(name)() WITH ORDINALITY", at: node.location)
        }
        let sqliteAlias = relationName
        var columns: [ScopeColumn] = []
        for (index, column) in source.columns.enumerated() {
            // A function returning a plain value names its column after the alias.
            let fallback = source.columns.count == 1 && column.name == name ? relationName : column.name
            columns.append(ScopeColumn(name: index < names.count ? names[index] : fallback, type: column.type,
                                       expression: column.value(sqliteAlias)))
        }
        if ordinality {
            names += Array(repeating: "ordinality", count: max(0, expected - names.count))
            columns.append(ScopeColumn(name: names[source.columns.count], type: .integer("bigint"),
                                       expression: .binary(.column(table: sqliteAlias, name: "key"), "+", .integer(1))))
        }
        try FromTranslator(context: context, scope: scope)
            .register(ScopeRelation(name: relationName, columns: columns, isScalarFunction: columns.count == 1),
                      at: call.location)
        context.rewrote("\(name)() in FROM", as: "json_each", at: call.location)
        return .tableFunction(name: "json_each", arguments: [source.argument], alias: sqliteAlias)
    }

    private static func source(_ name: String, _ call: ParseNode, _ translator: ExpressionTranslator) throws -> Source {
        let arguments = call.list("args")
        func expect(_ counts: ClosedRange<Int>) throws {
            guard counts.contains(arguments.count) else {
                throw translator.refusal("unsupported-function", "\(name)() with \(arguments.count) argument(s) in FROM", at: call)
            }
        }
        if call.bool("func_variadic") || call.has("agg_order") || call.has("over") {
            throw translator.refusal("unsupported-syntax", "\(name)() with these modifiers in FROM", at: call)
        }
        switch name {
        case "unnest":
            guard arguments.count == 1 else {
                throw translator.refusal("unsupported-function", "unnest() of several arrays (zip them with WITH ORDINALITY and a join)", at: call)
            }
            let array = try translator.translate(arguments[0])
            guard array.type.isArray || array.type == .any else {
                throw translator.refusal("unsupported-function", "unnest() needs an array, not \(array.type == .unknownLiteral ? "an untyped literal (add a cast such as ::text[])" : array.type.postgresName ?? "?")", at: arguments[0])
            }
            _ = try ArrayElement.require(translator, array.type, "unnest()", at: call)
            let element = array.type.arrayElement ?? .any
            return Source(argument: ArraySQL.flattened(array.sql, context: translator.context),
                          columns: [(name, element == .null ? .text("text") : element, { .column(table: $0, name: "value") })],
                          ordered: true)
        case "generate_series":
            try expect(2...3)
            return try GenerateSeries.source(translator, arguments, call)
        case "jsonb_array_elements", "json_array_elements", "jsonb_array_elements_text", "json_array_elements_text":
            try expect(1...1)
            let document = try JSONSets.document(translator, arguments[0], name, expecting: "array")
            return Source(argument: document.sql, columns: [("value", JSONSets.valueType(name, document.type), JSONSets.value(name, documentType: document.type, translator, at: call.location))],
                          ordered: true)
        case "jsonb_each", "json_each", "jsonb_each_text", "json_each_text":
            try expect(1...1)
            let document = try JSONSets.document(translator, arguments[0], name, expecting: "object")
            return Source(argument: document.sql, columns: [
                ("key", .text("text"), { .column(table: $0, name: "key") }),
                ("value", JSONSets.valueType(name, document.type), JSONSets.value(name, documentType: document.type, translator, at: call.location)),
            ], ordered: false)
        case "jsonb_object_keys", "json_object_keys":
            try expect(1...1)
            let document = try JSONSets.document(translator, arguments[0], name, expecting: "object")
            return Source(argument: document.sql, columns: [(name, .text("text"), { .column(table: $0, name: "key") })], ordered: false)
        default:
            throw translator.refusal("unsupported-function", "function \(name)() in FROM has no SQLite translation", at: call)
        }
    }
}

/// Set-returning functions written in the select list: refused with a pointer to FROM.
enum SetReturningFunctions {
    static let names = ["unnest", "generate_series", "jsonb_array_elements", "json_array_elements",
                        "jsonb_array_elements_text", "json_array_elements_text", "jsonb_each", "json_each",
                        "jsonb_each_text", "json_each_text", "jsonb_object_keys", "json_object_keys"]

    static let selectListHandlers: [String: FunctionHandler] = Dictionary(uniqueKeysWithValues: names.map { name in
        (name, { translator, call in
            throw translator.refusal("unsupported-function", "set-returning function \(name)() outside FROM: move it to FROM (e.g. FROM t CROSS JOIN LATERAL \(name)(…) AS x)", at: call.node)
        } as FunctionHandler)
    })
}
