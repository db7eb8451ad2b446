/// A function call as the function libraries see it.
struct FunctionCall {
    let node: ParseNode
    /// Lowercased name without `pg_catalog.`.
    let name: String
    let arguments: [ParseNode]
    /// `count(*)`.
    var star: Bool { node.bool("agg_star") }
    var distinct: Bool { node.bool("agg_distinct") }
    /// ORDER BY inside the aggregate's parentheses.
    var aggregateOrder: [ParseNode] { node.list("agg_order") }
    var filter: ParseNode? { node.node("agg_filter") }
    var window: ParseNode? { node.embedded("over", as: "WindowDef") }
    var location: Int? { node.location }
}

/// Translates one function for its argument types; throws a refusal when it cannot be exact.
typealias FunctionHandler = @Sendable (ExpressionTranslator, FunctionCall) throws -> Typed

/// Function handlers by PostgreSQL name, contributed by the type families.
enum FunctionLibrary {
    static let handlers: [String: FunctionHandler] = {
        var all: [String: FunctionHandler] = [:]
        for family in [CoreFunctions.handlers, CoreFunctions.mathFunctions, AggregateFunctions.handlers, StringFunctions.handlers,
                       DateTimeFunctions.handlers, ArrayFunctions.handlers, JSONFunctions.handlers,
                       UUIDFunctions.handlers, SetReturningFunctions.selectListHandlers, ByteaFunctions.handlers,
                       NetworkFunctions.handlers] {
            all.merge(family) { first, _ in first }
        }
        return all
    }()
}

extension ExpressionTranslator {
    func functionCall(_ node: ParseNode) throws -> Typed {
        let names = node.names("funcname")
        let name = (names.last ?? "").lowercased()
        if names.count > 1, names.first != "pg_catalog", names.first != "public" {
            throw refusal("unsupported-function", "function \(names.joined(separator: ".")) has no SQLite equivalent", at: node)
        }
        if node.bool("func_variadic") {
            throw refusal("unsupported-syntax", "VARIADIC arguments to \(name)()", at: node)
        }
        if node.has("agg_within_group") && node.bool("agg_within_group") {
            throw refusal("unsupported-function", "\(name)() WITHIN GROUP: ordered-set aggregates have no SQLite equivalent", at: node)
        }
        guard let handler = FunctionLibrary.handlers[name] else {
            throw refusal("unsupported-function", "function \(name)() has no SQLite translation", at: node)
        }
        let call = FunctionCall(node: node, name: name, arguments: node.list("args"))
        var result = try handler(self, call)
        if call.window != nil, !AggregateFunctions.handlesWindow(name) {
            throw refusal("unsupported-syntax", "\(name)() OVER (…)", at: node)
        }
        result.location = node.location
        return result
    }

    /// Checks the argument count and names the function when it is wrong.
    func expectArguments(_ call: FunctionCall, _ counts: ClosedRange<Int>) throws {
        guard counts.contains(call.arguments.count) else {
            throw refusal("unsupported-function", "\(call.name)() with \(call.arguments.count) argument(s)", at: call.node)
        }
    }

    /// Aggregate modifiers (FILTER, DISTINCT, OVER) on a call SQLite spells the same way.
    func aggregate(_ name: String, _ arguments: [SQLiteExpression], _ call: FunctionCall,
                   star: Bool = false) throws -> SQLiteExpression {
        var sqliteCall = SQLiteFunctionCall(name: name, arguments: arguments, distinct: call.distinct, star: star)
        if let filter = call.filter { sqliteCall.filter = try condition(filter) }
        if let window = call.window { sqliteCall.window = try self.window(window) }
        return .function(sqliteCall)
    }

    // MARK: Windows and ordering

    func window(_ definition: ParseNode) throws -> SQLiteWindow {
        var window = SQLiteWindow()
        if let name = definition.string("name"), !definition.has("partitionClause"), !definition.has("orderClause"),
           (definition.int("frameOptions") ?? 0) & 1 == 0 {
            window.name = name
            return window
        }
        window.base = definition.string("refname")
        window.partitionBy = try definition.list("partitionClause").map { try translate($0).sql }
        window.orderBy = try orderingTerms(definition.list("orderClause"))
        window.frame = try frame(definition)
        return window
    }

    private func frame(_ definition: ParseNode) throws -> SQLiteFrame? {
        let options = definition.int("frameOptions") ?? 0
        guard options & 0x1 != 0 else { return nil }
        let unit: SQLiteFrame.Unit = options & 0x4 != 0 ? .rows : (options & 0x8 != 0 ? .groups : .range)
        func bound(start: Bool) throws -> SQLiteFrame.Bound {
            let shift = start ? 0 : 1
            if options & (0x20 << shift) != 0 { return .unboundedPreceding }
            if options & (0x80 << shift) != 0 { return .unboundedFollowing }
            if options & (0x200 << shift) != 0 { return .currentRow }
            let offsetNode = definition.node(start ? "startOffset" : "endOffset")
            let offset = try offsetNode.map { try translate($0).sql } ?? .integer(0)
            if options & ((start ? 0x800 : 0x1000)) != 0 { return .preceding(offset) }
            return .following(offset)
        }
        let exclude: String? = options & 0x8000 != 0 ? "CURRENT ROW" : options & 0x10000 != 0 ? "GROUP"
            : options & 0x20000 != 0 ? "TIES" : nil
        return SQLiteFrame(unit: unit, start: try bound(start: true),
                           end: options & 0x10 != 0 ? try bound(start: false) : nil, exclude: exclude)
    }

    /// ORDER BY terms with PostgreSQL's NULL placement made explicit (NULLS LAST ascending,
    /// NULLS FIRST descending), since SQLite's default is the opposite.
    func orderingTerms(_ sortBys: [ParseNode], resolve: ((ParseNode) throws -> Typed?)? = nil) throws -> [SQLiteOrderingTerm] {
        try sortBys.map { sortBy in
            let expressionNode = sortBy.node("node")!
            let value = try resolve?(expressionNode) ?? translate(expressionNode)
            return try orderingTerm(value, sortBy: sortBy)
        }
    }

    func orderingTerm(_ value: Typed, sortBy: ParseNode) throws -> SQLiteOrderingTerm {
        let direction = sortBy.string("sortby_dir") ?? "SORTBY_DEFAULT"
        if direction == "SORTBY_USING" {
            throw refusal("unsupported-syntax", "ORDER BY … USING", at: sortBy)
        }
        try context.checkTextOrdering(value.type, construct: "ORDER BY", at: sortBy.location ?? sortBy.node("node")?.location)
        let key = try sortKey(value, at: sortBy)
        let descending = direction == "SORTBY_DESC"
        let nulls: SQLiteOrderingTerm.Nulls
        switch sortBy.string("sortby_nulls") {
        case "SORTBY_NULLS_FIRST": nulls = .first
        case "SORTBY_NULLS_LAST": nulls = .last
        default: nulls = descending ? .first : .last
        }
        return SQLiteOrderingTerm(key, descending: descending, nulls: nulls)
    }

    /// An expression whose SQLite order equals PostgreSQL's order of `value`.
    func sortKey(_ value: Typed, at node: ParseNode) throws -> SQLiteExpression {
        switch value.type {
        case .interval:
            return try DateTimeOperators.intervalSortKey(self, value, at: node)
        case .json, .jsonb, .array, .record:
            throw refusal("unsupported-syntax", "ordering by a \(value.type.postgresName ?? "row") value", at: node)
        case .enumeration(let name):
            // Enums sort by declaration order, not by label.
            guard let labels = context.catalog.enumeration([name])?.enumLabels, !labels.isEmpty else { return value.sql }
            return .caseWhen(SQLiteCase(operand: value.sql, branches: labels.enumerated().map {
                .init(condition: .text($0.element), result: .integer(Int64($0.offset)))
            }, otherwise: nil))
        default:
            // Floats included: NaN, stored as the text 'NaN', sorts above every number in SQLite
            // as in PostgreSQL.
            return value.sql
        }
    }

    // MARK: Subqueries

    func subLink(_ node: ParseNode) throws -> Typed {
        let subselect = node.node("subselect")!
        let (select, columns) = try SelectTranslator(context: context, parent: scope).translate(subselect)
        switch node.string("subLinkType") {
        case "EXISTS_SUBLINK":
            return Typed(.exists(select), .boolean)
        case "EXPR_SUBLINK":
            return Typed(.subquery(select), columns.first?.type ?? .any)
        case "ANY_SUBLINK", "ALL_SUBLINK":
            let testNode = node.node("testexpr")!
            let test = try translate(testNode)
            let op = node.names("operName").last ?? "="
            let all = node.string("subLinkType") == "ALL_SUBLINK"
            if test.type == .record || columns.count != 1 {
                // Row comparisons: SQLite's row-value IN has the same NULL semantics.
                guard op == "=" && !all || op == "<>" && all else {
                    throw refusal("unsupported-syntax", "\(op) \(all ? "ALL" : "ANY") (subquery) of a row", at: node)
                }
                return Typed(.inSelect(test.sql, select, negated: all), .boolean)
            }
            if !all && op == "=" || all && op == "<>" {
                let (value, _) = try comparable(test, Typed(.null, columns[0].type), at: testNode)
                return Typed(.inSelect(value.sql, select, negated: all), .boolean)
            }
            return try quantified(op, test, select, column: columns[0], all: all, node: node)
        case "ARRAY_SUBLINK":
            return try ArrayOperators.arrayOfSubquery(self, select, elementType: columns.first?.type ?? .any, node: node)
        default:
            throw refusal("unsupported-syntax", "subquery of kind \(node.string("subLinkType") ?? "?")", at: node)
        }
    }

    /// `x op ANY (subquery)` / `x op ALL (subquery)` with SQL's three-valued answer: true when
    /// some (every) row compares true, NULL when the rest compare NULL, false otherwise.
    private func quantified(_ op: String, _ test: Typed, _ select: SQLiteSelect, column: ScopeColumn, all: Bool,
                            node: ParseNode) throws -> Typed {
        let alias = context.freshAlias("quantified")
        let comparison = try compare(op, test, Typed(.column(table: alias, name: column.name), column.type), at: node).sql
        func rows(where condition: SQLiteExpression) -> SQLiteExpression {
            var core = SQLiteSelectCore(columns: [.expression(.integer(1), alias: nil)], from: .subquery(select, alias: alias))
            core.whereClause = condition
            return .exists(SQLiteSelect(core))
        }
        let decisive = all ? rows(where: .prefix("NOT", comparison)) : rows(where: comparison)
        let branches: [SQLiteCase.Branch] = [
            .init(condition: decisive, result: .integer(all ? 0 : 1)),
            .init(condition: rows(where: .postfix(comparison, "IS NULL")), result: .null),
        ]
        context.rewrote("\(op) \(all ? "ALL" : "ANY") (subquery)", as: "EXISTS tests with SQL's NULL semantics", at: node.location)
        return Typed(.caseWhen(SQLiteCase(operand: nil, branches: branches, otherwise: .integer(all ? 1 : 0))), .boolean)
    }

    func sqlValueFunction(_ node: ParseNode) throws -> Typed {
        try DateTimeFunctions.sqlValueFunction(self, node)
    }

    func arrayConstructor(_ node: ParseNode) throws -> Typed {
        try ArrayOperators.constructor(self, node)
    }

    func indirection(_ node: ParseNode) throws -> Typed {
        try ArrayOperators.indirection(self, node)
    }
}
