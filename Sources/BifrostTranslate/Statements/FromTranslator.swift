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
            try register(ScopeRelation(name: visibleName, columns: SelectTranslator.rename(columns, renamed)), at: node.location)
            return .table(name: name, alias: aliasName)
        }
        let names = [schemaName, name].compactMap { $0 }
        if let table = context.catalog.table(names) {
            let columns = table.columns.map { ScopeColumn(name: $0.name, type: SQLType($0.type)) }
            try register(ScopeRelation(name: visibleName, columns: SelectTranslator.rename(columns, renamed), table: table),
                         at: node.location)
            return .table(name: context.catalog.sqliteName(of: table), alias: aliasName)
        }
        if let view = context.catalog.view(names) {
            let columns = view.columns.map { ScopeColumn(name: $0, type: .any) }
            try register(ScopeRelation(name: visibleName, columns: SelectTranslator.rename(columns, renamed)), at: node.location)
            return .table(name: view.name.name, alias: aliasName)
        }
        if context.catalog.hasSchema {
            throw context.refusal("unknown-table", "relation \(names.joined(separator: ".")) is not in the schema", at: node.location)
        }
        context.warnOnce("no-schema", "no schema given (--schema): column types are unknown, so type-dependent rewrites are not applied", at: node.location)
        try register(ScopeRelation(name: visibleName, columns: [], columnsKnown: false), at: node.location)
        return .table(name: name, alias: aliasName)
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
            return .join(left, kind, right, on: nil, using: columns)
        }
        let condition = try node.node("quals").map { try expressions.condition($0) }
        return .join(left, kind, right, on: condition, using: [])
    }

    private func subquery(_ node: ParseNode) throws -> SQLiteFrom {
        let alias = node.embedded("alias", as: "Alias")
        let name = alias?.string("aliasname") ?? context.freshAlias("subquery")
        if node.bool("lateral") {
            return try LateralSubquery.translate(context: context, scope: scope, node: node, alias: name)
        }
        // A plain subquery in FROM cannot see its siblings, only the enclosing query.
        let (select, columns) = try SelectTranslator(context: context, parent: scope.parent).translate(node.node("subquery")!)
        try register(ScopeRelation(name: name, columns: SelectTranslator.rename(columns, alias?.names("colnames") ?? [])),
                     at: node.location)
        return .subquery(select, alias: name)
    }
}
