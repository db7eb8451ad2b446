/// Translates SELECT statements (with CTEs, joins, grouping, windows, set operations,
/// DISTINCT ON, ORDER BY with PostgreSQL's NULL placement, LIMIT/OFFSET/FETCH).
struct SelectTranslator {
    let context: TranslationContext
    /// The enclosing query's scope, for correlated subqueries.
    let parent: Scope?

    /// Translates a tagged `SelectStmt` node (or any node wrapping one).
    func translate(_ node: ParseNode) throws -> (SQLiteSelect, [ScopeColumn]) {
        guard node.tag == "SelectStmt" else {
            throw context.refusal("unsupported-syntax", "\(node.tag) as a subquery", at: node.location)
        }
        return try select(node)
    }

    func select(_ node: ParseNode) throws -> (SQLiteSelect, [ScopeColumn]) {
        let scope = Scope(parent: parent)
        var with: SQLiteWith?
        if let clause = node.embedded("withClause", as: "WithClause") {
            with = try commonTables(clause, into: scope)
        }
        let inner = SelectTranslator(context: context, parent: scope)
        var (result, columns) = try inner.selectBody(node, scope: scope)
        if let with {
            if result.with != nil {
                result = SQLiteSelect(with: with, body: .nested(result))
            } else {
                result.with = with
            }
        }
        return (result, columns)
    }

    // MARK: WITH

    func commonTables(_ clause: ParseNode, into scope: Scope) throws -> SQLiteWith {
        let recursive = clause.bool("recursive")
        var tables: [SQLiteWith.Table] = []
        for cte in clause.list("ctes") {
            let name = cte.string("ctename") ?? ""
            let declared = cte.names("aliascolnames")
            guard let query = cte.node("ctequery") else { continue }
            guard query.tag == "SelectStmt" else {
                throw context.refusal("unsupported-syntax", "data-modifying statement in WITH (\(name))", at: cte.location)
            }
            let translator = SelectTranslator(context: context, parent: scope)
            if recursive, query.string("op") == "SETOP_UNION", let seed = query.embedded("larg", as: "SelectStmt") {
                // The recursive member refers to the CTE itself: type it from the seed member first.
                let (_, seedColumns) = try translator.select(seed)
                scope.commonTables[name] = Self.rename(seedColumns, declared)
            }
            let (select, columns) = try translator.select(query)
            scope.commonTables[name] = Self.rename(columns, declared)
            let materialized: Bool?
            switch cte.string("ctematerialized") {
            case "CTEMaterializeAlways": materialized = true
            case "CTEMaterializeNever": materialized = false
            default: materialized = nil
            }
            tables.append(.init(name: name, columns: declared, select: select, materialized: materialized))
        }
        return SQLiteWith(recursive: recursive, tables: tables)
    }

    static func rename(_ columns: [ScopeColumn], _ names: [String]) -> [ScopeColumn] {
        columns.enumerated().map { index, column in
            ScopeColumn(name: index < names.count ? names[index] : column.name, type: column.type)
        }
    }

    // MARK: Body

    private func selectBody(_ node: ParseNode, scope: Scope) throws -> (SQLiteSelect, [ScopeColumn]) {
        let operation = node.string("op") ?? "SETOP_NONE"
        var (select, columns): (SQLiteSelect, [ScopeColumn])
        if operation != "SETOP_NONE" {
            (select, columns) = try compound(node, operation: operation)
        } else if node.has("valuesLists") {
            (select, columns) = try values(node, scope: scope)
        } else {
            return try simple(node, scope: scope)
        }
        // ORDER BY / LIMIT on a compound or VALUES: order the named output columns.
        let sortClause = node.list("sortClause")
        if !sortClause.isEmpty || node.has("limitCount") || node.has("limitOffset") {
            let alias = context.freshAlias("set")
            let outer = Scope(parent: parent)
            outer.relations = [ScopeRelation(name: alias, columns: columns)]
            let expressions = ExpressionTranslator(context: context, scope: outer)
            var wrapped = SQLiteSelect(SQLiteSelectCore(columns: [.all], from: .subquery(select, alias: alias)))
            wrapped.orderBy = try expressions.orderingTerms(sortClause) { node in
                try self.outputReference(node, columns: columns, relation: alias)
            }
            try limit(node, into: &wrapped, expressions)
            return (wrapped, columns)
        }
        return (select, columns)
    }

    private func compound(_ node: ParseNode, operation: String) throws -> (SQLiteSelect, [ScopeColumn]) {
        let all = node.bool("all")
        let op: SQLiteCompoundOperator
        switch (operation, all) {
        case ("SETOP_UNION", false): op = .union
        case ("SETOP_UNION", true): op = .unionAll
        case ("SETOP_INTERSECT", false): op = .intersect
        case ("SETOP_EXCEPT", false): op = .except
        default:
            throw context.refusal("unsupported-syntax", "\(operation == "SETOP_INTERSECT" ? "INTERSECT" : "EXCEPT") ALL has no SQLite equivalent", at: node.location)
        }
        let (left, leftColumns) = try member(node.embedded("larg", as: "SelectStmt")!)
        let (right, rightColumns) = try member(node.embedded("rarg", as: "SelectStmt")!)
        let columns = zip(leftColumns, rightColumns).map { left, right in
            ScopeColumn(name: left.name, type: left.type.isOpen ? right.type : left.type)
        }
        return (SQLiteSelect(body: .compound(left, op, right)), columns)
    }

    /// A member of a compound: a plain body, or a nested select when it has its own clauses.
    private func member(_ node: ParseNode) throws -> (SQLiteSelectBody, [ScopeColumn]) {
        let (select, columns) = try self.select(node)
        if select.with == nil, select.orderBy.isEmpty, select.limit == nil, select.offset == nil {
            if case .compound = select.body { return (.nested(select), columns) }
            return (select.body, columns)
        }
        return (.nested(select), columns)
    }

    private func values(_ node: ParseNode, scope: Scope) throws -> (SQLiteSelect, [ScopeColumn]) {
        let expressions = ExpressionTranslator(context: context, scope: scope)
        let rows = node.list("valuesLists").map { $0.list("items") }
        guard let width = rows.first?.count else { return (SQLiteSelect(body: .values([])), []) }
        var typed = try rows.map { try expressions.translate($0) }
        var columns: [ScopeColumn] = []
        for index in 0..<width {
            let type = expressions.commonType(typed.map { $0[index].type })
            for row in typed.indices {
                typed[row][index] = try expressions.coerce(typed[row][index], to: type, at: rows[row][index])
            }
            columns.append(ScopeColumn(name: "column\(index + 1)", type: type))
        }
        return (SQLiteSelect(body: .values(typed.map { $0.map(\.sql) })), columns)
    }

    // MARK: Simple SELECT

    private func simple(_ node: ParseNode, scope: Scope) throws -> (SQLiteSelect, [ScopeColumn]) {
        let from = try FromTranslator(context: context, scope: scope).list(node.list("fromClause"))
        let expressions = ExpressionTranslator(context: context, scope: scope)
        let targets = try targetList(node.list("targetList"), expressions)
        var core = SQLiteSelectCore(columns: targets.map { .expression($0.value.sql, alias: $0.column.name) }, from: from)
        if let condition = node.node("whereClause") { core.whereClause = try expressions.condition(condition) }
        core.groupBy = try node.list("groupClause").map { item in
            if item.tag == "GroupingSet" {
                throw context.refusal("unsupported-syntax", "GROUPING SETS / ROLLUP / CUBE", at: item.location)
            }
            return try (outputReference(item, targets: targets, preferInput: scope) ?? expressions.translate(item)).sql
        }
        if let having = node.node("havingClause") { core.having = try expressions.condition(having) }
        core.namedWindows = try node.list("windowClause").map { definition in
            SQLiteSelectCore.NamedWindow(name: definition.string("name") ?? "", window: try expressions.window(definition))
        }
        let distinct = node.list("distinctClause")
        let hasDistinctClause = node.has("distinctClause")
        var select = SQLiteSelect(core)
        let sortClause = node.list("sortClause")
        if hasDistinctClause && !distinct.isEmpty {
            select = try distinctOn(distinct, core: core, targets: targets, sortClause: sortClause, expressions, node: node)
        } else {
            select.body = .core(core)
            if hasDistinctClause { core.distinct = true; select.body = .core(core) }
            select.orderBy = try expressions.orderingTerms(sortClause) { sortNode in
                try self.outputReference(sortNode, targets: targets)
            }
        }
        try limit(node, into: &select, expressions)
        return (select, targets.map(\.column))
    }

    struct Target {
        var value: Typed
        var column: ScopeColumn
    }

    private func targetList(_ items: [ParseNode], _ expressions: ExpressionTranslator) throws -> [Target] {
        var targets: [Target] = []
        for item in items {
            let valueNode = item.node("val")!
            if valueNode.tag == "ColumnRef", valueNode.list("fields").last?.tag == "A_Star" {
                targets += try star(valueNode, expressions.scope)
                continue
            }
            let value = try expressions.translate(valueNode)
            try WindowPlacement.check(value.sql, source: valueNode,
                                      outerRelations: Set(expressions.scope.relations.map(\.name)), context: context)
            if value.type == .record {
                throw context.refusal("unsupported-syntax", "a whole row in the select list", at: valueNode.location)
            }
            let name = item.string("name") ?? Self.outputName(valueNode)
            targets.append(Target(value: value, column: ScopeColumn(name: name, type: value.type == .unknownLiteral ? .text("text") : value.type)))
        }
        return targets
    }

    /// `*` or `t.*`, expanded to the columns it stands for so each keeps its type.
    private func star(_ node: ParseNode, _ scope: Scope) throws -> [Target] {
        let qualifier = node.list("fields").compactMap(\.stringValue).last
        let relations = scope.relations.filter { qualifier == nil || $0.name == qualifier }
        if let qualifier, relations.isEmpty {
            throw context.refusal("unknown-column", "missing FROM-clause entry for table \(qualifier)", at: node.location)
        }
        if relations.contains(where: { !$0.columnsKnown }) {
            throw context.refusal("unknown-column", "* over a table the schema does not describe (pass --schema)", at: node.location)
        }
        // `JOIN … USING (c)`: an unqualified * shows each merged column once, first.
        let merged = qualifier == nil ? scope.mergedColumnOrder.compactMap { scope.mergedColumns[$0] } : []
        let mergedTargets = merged.map { column in
            Target(value: Typed(column.expression ?? .column(table: nil, name: column.name), column.type), column: column)
        }
        return mergedTargets + relations.flatMap { relation in
            relation.columns.filter { column in !merged.contains { $0.name == column.name } }.map { column in
                Target(value: Typed(column.expression ?? .column(table: relation.name, name: column.name), column.type),
                       column: ScopeColumn(name: column.name, type: column.type))
            }
        }
    }

    /// The name PostgreSQL gives an unnamed select-list item.
    static func outputName(_ node: ParseNode) -> String {
        switch node.tag {
        case "ColumnRef": return node.list("fields").compactMap(\.stringValue).last ?? "?column?"
        case "FuncCall": return node.names("funcname").last ?? "?column?"
        case "TypeCast":
            if let inner = node.node("arg"), inner.tag != "A_Const" { return outputName(inner) }
            return node.embedded("typeName", as: "TypeName")?.names("names").last ?? "?column?"
        case "CaseExpr": return "case"
        case "CoalesceExpr": return "coalesce"
        case "MinMaxExpr": return node.string("op") == "IS_GREATEST" ? "greatest" : "least"
        case "SubLink":
            if node.string("subLinkType") == "EXISTS_SUBLINK" { return "exists" }
            if node.string("subLinkType") == "ARRAY_SUBLINK" { return "array" }
            return node.node("subselect").flatMap { $0.list("targetList").first }.flatMap { target in
                target.string("name") ?? target.node("val").map(outputName)
            } ?? "?column?"
        case "A_ArrayExpr": return "array"
        case "A_Indirection":
            if let last = node.list("indirection").last, last.tag == "String" { return last.stringValue ?? "?column?" }
            return node.node("arg").map(outputName) ?? "?column?"
        case "SQLValueFunction":
            switch node.string("op") {
            case "SVFOP_CURRENT_DATE": return "current_date"
            case "SVFOP_CURRENT_TIMESTAMP", "SVFOP_CURRENT_TIMESTAMP_N": return "current_timestamp"
            case "SVFOP_LOCALTIMESTAMP", "SVFOP_LOCALTIMESTAMP_N": return "localtimestamp"
            case "SVFOP_CURRENT_TIME", "SVFOP_CURRENT_TIME_N": return "current_time"
            case "SVFOP_LOCALTIME", "SVFOP_LOCALTIME_N": return "localtime"
            default: return "?column?"
            }
        default: return "?column?"
        }
    }

    /// ORDER BY / GROUP BY items that name a select-list column (by ordinal or output name).
    /// With `preferInput` (GROUP BY), a bare name that is also an input column means the input column.
    private func outputReference(_ node: ParseNode, targets: [Target], preferInput: Scope? = nil) throws -> Typed? {
        if node.tag == "A_Const", let ordinal = node.embedded("ival", as: "Integer")?.int("ival") {
            guard ordinal >= 1, ordinal <= targets.count else {
                throw context.refusal("unknown-column", "position \(ordinal) is not in the select list", at: node.location)
            }
            return targets[ordinal - 1].value
        }
        if node.tag == "ColumnRef", let names = Optional(node.list("fields").compactMap(\.stringValue)), names.count == 1,
           let target = targets.first(where: { $0.column.name == names[0] }) {
            // PostgreSQL prefers an input column for GROUP BY but an output column for ORDER BY.
            if let scope = preferInput, case .found = scope.resolve(names[0], qualifier: nil) { return nil }
            return target.value
        }
        return nil
    }

    private func outputReference(_ node: ParseNode, columns: [ScopeColumn], relation: String) throws -> Typed? {
        let targets = columns.map { Target(value: Typed(.column(table: relation, name: $0.name), $0.type), column: $0) }
        return try outputReference(node, targets: targets)
    }

    private func limit(_ node: ParseNode, into select: inout SQLiteSelect, _ expressions: ExpressionTranslator) throws {
        if node.string("limitOption") == "LIMIT_OPTION_WITH_TIES" {
            throw context.refusal("unsupported-syntax", "FETCH … WITH TIES", at: node.node("limitCount")?.location)
        }
        if let count = node.node("limitCount"), !(count.tag == "A_Const" && count.bool("isnull")) {
            select.limit = try expressions.translate(count, as: .integer("bigint")).sql
        }
        if let offset = node.node("limitOffset") {
            select.offset = try expressions.translate(offset, as: .integer("bigint")).sql
        }
    }

    // MARK: DISTINCT ON

    /// DISTINCT ON keeps the first row of each group in ORDER BY order: numbered with
    /// row_number() over the group in a subquery, keeping row 1.
    private func distinctOn(_ keys: [ParseNode], core: SQLiteSelectCore, targets: [Target], sortClause: [ParseNode],
                            _ expressions: ExpressionTranslator, node: ParseNode) throws -> SQLiteSelect {
        var inner = core
        let alias = context.freshAlias("distinct")
        var columns: [SQLiteResultColumn] = targets.enumerated().map { index, target in
            .expression(target.value.sql, alias: "_c\(index + 1)")
        }
        let partition = try keys.map { try (outputReference($0, targets: targets) ?? expressions.translate($0)).sql }
        let order = try expressions.orderingTerms(sortClause) { try self.outputReference($0, targets: targets) }
        var numbering = SQLiteFunctionCall(name: "row_number")
        numbering.window = SQLiteWindow(partitionBy: partition, orderBy: order)
        columns.append(.expression(.function(numbering), alias: "_rn"))
        for (index, term) in order.enumerated() {
            columns.append(.expression(term.expression, alias: "_o\(index + 1)"))
        }
        inner.columns = columns
        var outer = SQLiteSelectCore(columns: targets.enumerated().map { index, target in
            .expression(.column(table: alias, name: "_c\(index + 1)"), alias: target.column.name)
        }, from: .subquery(SQLiteSelect(inner), alias: alias))
        outer.whereClause = .binary(.column(table: alias, name: "_rn"), "=", .integer(1))
        var select = SQLiteSelect(outer)
        select.orderBy = order.enumerated().map { index, term in
            SQLiteOrderingTerm(.column(table: alias, name: "_o\(index + 1)"), descending: term.descending, nulls: term.nulls)
        }
        context.rewrote("DISTINCT ON", as: "row_number() OVER (PARTITION BY …) = 1 in a subquery", at: node.location)
        return select
    }
}
