/// Translates FROM items and registers each as a relation in the query's scope.
struct FromTranslator {
    let context: TranslationContext
    let scope: Scope

    func item(_ node: ParseNode) throws -> SQLiteFrom {
        switch node.tag {
        case "RangeVar": return try table(node)
        case "JoinExpr": return try join(node)
        case "RangeSubselect": return try subquery(node)
        case "RangeFunction": return try TableFunctions.translate(context: context, scope: scope, node: node)
        default:
            throw context.refusal("unsupported-syntax", "\(node.tag) in FROM", at: node.location)
        }
    }

    /// A FROM list (`FROM a, b JOIN c …`): its items joined in order, each registered.
    func list(_ items: [ParseNode]) throws -> SQLiteFrom? {
        var from: SQLiteFrom?
        for item in items {
            let translated = try self.item(item)
            from = from.map { .join($0, .inner, translated, on: nil, using: []) } ?? translated
        }
        return from
    }

    /// Registers a relation, refusing a duplicate name as PostgreSQL does.
    func register(_ relation: ScopeRelation, at location: Int?) throws {
        if scope.relations.contains(where: { $0.name == relation.name }) {
            throw context.refusal("ambiguous-column", "table name \"\(relation.name)\" specified more than once", at: location)
        }
        scope.relations.append(relation)
    }

    private func table(_ node: ParseNode) throws -> SQLiteFrom {
        let name = node.string("relname") ?? ""
        let schemaName = node.string("schemaname")
        let alias = node.embedded("alias", as: "Alias")
        let aliasName = alias?.string("aliasname")
        let renamed = alias?.names("colnames") ?? []
        let visibleName = aliasName ?? name
        if schemaName == nil, let columns = scope.commonTable(name) {
            try register(ScopeRelation(name: visibleName, columns: Self.aliased(columns, renamed, relation: visibleName)), at: node.location)
            return .table(name: name, alias: aliasName)
        }
        let names = [schemaName, name].compactMap { $0 }
        if let table = context.catalog.table(names) {
            let columns = table.columns.map { ScopeColumn(name: $0.name, type: SQLType($0.type)) }
            try register(ScopeRelation(name: visibleName, columns: Self.aliased(columns, renamed, relation: visibleName),
                                       table: table),
                         at: node.location)
            return .table(name: context.catalog.sqliteName(of: table), alias: aliasName)
        }
        if let view = context.catalog.view(names) {
            let columns = view.columns.map { ScopeColumn(name: $0, type: .any) }
            try register(ScopeRelation(name: visibleName, columns: Self.aliased(columns, renamed, relation: visibleName)), at: node.location)
            return .table(name: view.name.name, alias: aliasName)
        }
        if context.catalog.hasSchema {
            throw context.refusal("unknown-table", "relation \(names.joined(separator: ".")) is not in the schema", at: node.location)
        }
        context.warnOnce("no-schema", "no schema given (--schema): column types are unknown, so type-dependent rewrites are not applied", at: node.location)
        try register(ScopeRelation(name: visibleName, columns: [], columnsKnown: false), at: node.location)
        return .table(name: name, alias: aliasName)
    }

    /// Columns renamed by an alias list (`AS v(a, b)`): PostgreSQL names them anew, SQLite keeps
    /// the originals, so each renamed column refers to its original one.
    static func aliased(_ columns: [ScopeColumn], _ names: [String], relation: String) -> [ScopeColumn] {
        columns.enumerated().map { index, column in
            guard index < names.count, names[index] != column.name else { return column }
            var renamed = column
            renamed.name = names[index]
            renamed.expression = column.expression ?? .column(table: relation, name: column.name)
            return renamed
        }
    }

    private func join(_ node: ParseNode) throws -> SQLiteFrom {
        let left = try item(node.node("larg")!)
        let right = try item(node.node("rarg")!)
        if node.bool("isNatural") {
            throw context.refusal("unsupported-syntax", "NATURAL JOIN (name the columns with USING)", at: node.location)
        }
        if node.embedded("alias", as: "Alias") != nil || node.embedded("join_using_alias", as: "Alias") != nil {
            throw context.refusal("unsupported-syntax", "an alias on a join", at: node.location)
        }
        let kind: SQLiteJoinKind
        switch node.string("jointype") {
        case "JOIN_INNER": kind = .inner
        case "JOIN_LEFT": kind = .left
        case "JOIN_RIGHT": kind = .right
        case "JOIN_FULL": kind = .full
        default:
            throw context.refusal("unsupported-syntax", "join type \(node.string("jointype") ?? "?")", at: node.location)
        }
        let expressions = ExpressionTranslator(context: context, scope: scope)
        if !node.list("usingClause").isEmpty {
            let columns = node.names("usingClause")
            try mergeUsingColumns(columns, left: node.node("larg")!, right: node.node("rarg")!, kind: kind, at: node.location)
            return .join(left, kind, right, on: nil, using: columns)
        }
        let condition = try node.node("quals").map { try expressions.condition($0) }
        return .join(left, kind, right, on: condition, using: [])
    }

    /// `USING (c)` merges the two sides' `c` into one column: the left one for inner and left
    /// joins, the right one for right joins, the non-NULL one for full joins.
    private func mergeUsingColumns(_ names: [String], left: ParseNode, right: ParseNode, kind: SQLiteJoinKind,
                                   at location: Int?) throws {
        for name in names {
            func side(_ node: ParseNode) throws -> Typed {
                let sideScope = Scope(parent: nil)
                sideScope.relations = scope.relations.filter { relationNames(in: node).contains($0.name) }
                sideScope.mergedColumns = scope.mergedColumns
                guard case let .found(relation, column) = sideScope.resolve(name, qualifier: nil) else {
                    throw context.refusal("unknown-column", "column \(name) in USING does not exist on both sides", at: location)
                }
                return Typed(column.expression ?? .column(table: relation.isEmpty ? nil : relation, name: column.name), column.type)
            }
            let (l, r) = (try side(left), try side(right))
            let merged: SQLiteExpression
            switch kind {
            case .right: merged = r.sql
            case .full: merged = .call("coalesce", l.sql, r.sql)
            default: merged = l.sql
            }
            scope.mergedColumns[name] = ScopeColumn(name: name, type: l.type.isOpen ? r.type : l.type, expression: merged)
        }
    }

    /// The relation names a FROM item introduces.
    private func relationNames(in node: ParseNode) -> Set<String> {
        switch node.tag {
        case "JoinExpr":
            return relationNames(in: node.node("larg")!).union(relationNames(in: node.node("rarg")!))
        case "RangeVar":
            return [node.embedded("alias", as: "Alias")?.string("aliasname") ?? node.string("relname") ?? ""]
        default:
            if let alias = node.embedded("alias", as: "Alias")?.string("aliasname") { return [alias] }
            if node.tag == "RangeFunction", let call = node.list("functions").first?.list("items").first {
                return [(call.names("funcname").last ?? "").lowercased()]
            }
            return []
        }
    }

    private func subquery(_ node: ParseNode) throws -> SQLiteFrom {
        let alias = node.embedded("alias", as: "Alias")
        let name = alias?.string("aliasname") ?? context.freshAlias("subquery")
        if node.bool("lateral") {
            return try LateralSubquery.translate(context: context, scope: scope, node: node, alias: name)
        }
        // A plain subquery in FROM cannot see its siblings, only the enclosing query.
        let (select, columns) = try SelectTranslator(context: context, parent: scope.parent).translate(node.node("subquery")!)
        let renamed = alias?.names("colnames") ?? []
        try register(ScopeRelation(name: name, columns: Self.aliased(columns, renamed, relation: name)), at: node.location)
        return .subquery(select, alias: name)
    }
}
