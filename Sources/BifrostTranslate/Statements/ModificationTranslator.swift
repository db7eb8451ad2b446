import BifrostSchema

/// INSERT, UPDATE and DELETE, with WITH, RETURNING, ON CONFLICT, UPDATE … FROM and
/// DELETE … USING. Every value written to a column is converted to the column's storage
/// form, as PostgreSQL's assignment casts do.
struct ModificationTranslator {
    let context: TranslationContext

    func translate(_ node: ParseNode) throws -> (SQLiteCommand, [ScopeColumn]) {
        // CTEs live in their own level so that VALUES and INSERT's SELECT cannot see the target.
        let outer = Scope(parent: nil)
        var with: SQLiteWith?
        if let clause = node.embedded("withClause", as: "WithClause") {
            with = try SelectTranslator(context: context, parent: nil).commonTables(clause, into: outer)
        }
        guard let relation = node.embedded("relation", as: "RangeVar") else {
            throw context.refusal("unsupported-syntax", "\(node.tag) without a table", at: node.location)
        }
        let target = try ModificationTarget(relation, context: context)
        switch node.tag {
        case "InsertStmt":
            var (insert, columns) = try InsertTranslator(context: context, target: target, outer: outer).translate(node)
            insert.with = with
            return (.insert(insert), columns)
        case "UpdateStmt":
            var (update, columns) = try update(node, target: target, outer: outer)
            update.with = with
            return (.update(update), columns)
        default:
            var (delete, columns) = try delete(node, target: target, outer: outer)
            delete.with = with
            return (.delete(delete), columns)
        }
    }

    // MARK: UPDATE

    private func update(_ node: ParseNode, target: ModificationTarget, outer: Scope) throws -> (SQLiteUpdate, [ScopeColumn]) {
        let scope = Scope(parent: outer)
        scope.relations = [target.relation()]
        let from = try FromTranslator(context: context, scope: scope).list(node.list("fromClause"))
        let expressions = ExpressionTranslator(context: context, scope: scope)
        let assignments = try Assignments(context: context, target: target, expressions: expressions)
            .translate(node.list("targetList"), identityCheck: true)
        let condition = try node.node("whereClause").map(expressions.condition)
        let (returning, columns) = try Returning(context: context, target: target, outer: outer)
            .translate(node.list("returningList"), event: .update, hasOtherTables: from != nil)
        if from != nil {
            context.rewrote("UPDATE … FROM", as: "SQLite's UPDATE … FROM (one arbitrary joined row per target row, as in PostgreSQL)", at: node.location)
        }
        return (SQLiteUpdate(table: target.sqliteName, alias: target.alias, assignments: assignments, from: from,
                             whereClause: condition, returning: returning), columns)
    }

    // MARK: DELETE

    /// DELETE … USING becomes `WHERE EXISTS (SELECT 1 FROM <using> WHERE <condition>)`: the
    /// condition, correlated with the target row, decides exactly the rows PostgreSQL deletes.
    private func delete(_ node: ParseNode, target: ModificationTarget, outer: Scope) throws -> (SQLiteDelete, [ScopeColumn]) {
        let scope = Scope(parent: outer)
        scope.relations = [target.relation()]
        let from = try FromTranslator(context: context, scope: scope).list(node.list("usingClause"))
        let expressions = ExpressionTranslator(context: context, scope: scope)
        var condition = try node.node("whereClause").map(expressions.condition)
        if let from {
            var probe = SQLiteSelectCore(columns: [.expression(.integer(1), alias: nil)], from: from)
            probe.whereClause = condition
            condition = .exists(SQLiteSelect(probe))
            context.rewrote("DELETE … USING", as: "WHERE EXISTS (SELECT 1 FROM … WHERE …)", at: node.location)
        }
        let (returning, columns) = try Returning(context: context, target: target, outer: outer)
            .translate(node.list("returningList"), event: .delete, hasOtherTables: from != nil)
        return (SQLiteDelete(table: target.sqliteName, alias: target.alias, whereClause: condition, returning: returning), columns)
    }
}

/// SET lists of UPDATE and ON CONFLICT DO UPDATE.
struct Assignments {
    let context: TranslationContext
    let target: ModificationTarget
    let expressions: ExpressionTranslator

    func translate(_ targets: [ParseNode], identityCheck: Bool) throws -> [SQLiteAssignment] {
        var result: [SQLiteAssignment] = []
        var index = 0
        while index < targets.count {
            let item = targets[index]
            let name = item.string("name") ?? ""
            if item.has("indirection") {
                throw context.refusal("unsupported-syntax", "assigning to a part of column \(name) (subscript or field)", at: item.location)
            }
            guard let value = item.node("val") else { index += 1; continue }
            if value.tag == "MultiAssignRef" {
                let count = value.int("ncolumns") ?? 1
                let group = Array(targets[index..<min(targets.count, index + count)])
                result += try multiple(group, source: value.node("source")!, identityCheck: identityCheck)
                index += count
                continue
            }
            result.append(SQLiteAssignment(columns: [name], value: try single(name, value, item: item, identityCheck: identityCheck)))
            index += 1
        }
        return result
    }

    private func single(_ name: String, _ value: ParseNode, item: ParseNode, identityCheck: Bool) throws -> SQLiteExpression {
        let column = try target.column(name, context: context, at: item.location)
        if value.tag == "SetToDefault" {
            return try target.defaultValue(name, context: context, at: value.location)
        }
        if identityCheck, column?.identity?.generation == .always {
            throw context.refusal("generated-always", "column \(name) can only be updated to DEFAULT (GENERATED ALWAYS AS IDENTITY), as PostgreSQL says", at: item.location)
        }
        return try expressions.assignment(value, to: target.type(of: name)).sql
    }

    /// `(a, b) = (x, y)` is split; `(a, b) = (SELECT …)` stays a row assignment when the
    /// subquery's columns already have the columns' types.
    private func multiple(_ group: [ParseNode], source: ParseNode, identityCheck: Bool) throws -> [SQLiteAssignment] {
        let names = group.compactMap { $0.string("name") }
        switch source.tag {
        case "RowExpr":
            let values = source.list("args")
            guard values.count == names.count else {
                throw context.refusal("unsupported-syntax", "number of columns does not match number of values", at: source.location)
            }
            return try zip(names, zip(values, group)).map { name, pair in
                SQLiteAssignment(columns: [name], value: try single(name, pair.0, item: pair.1, identityCheck: identityCheck))
            }
        case "SubLink" where source.string("subLinkType") == "EXPR_SUBLINK":
            let (select, columns) = try SelectTranslator(context: context, parent: expressions.scope)
                .translate(source.node("subselect")!)
            for (name, column) in zip(names, columns) {
                _ = try target.column(name, context: context, at: source.location)
                let wanted = target.type(of: name)
                if !(wanted.isOpen || column.type == wanted || column.type == .null
                     || column.type.isTextual && wanted.isTextual || column.type.isInteger && wanted.isInteger) {
                    throw context.refusal("unsupported-syntax", "(…) = (SELECT …) assigning \(column.type.postgresName ?? "?") to column \(name) of type \(wanted.postgresName ?? "?") (assign the columns one by one)", at: source.location)
                }
            }
            return [SQLiteAssignment(columns: names, value: .subquery(select))]
        default:
            throw context.refusal("unsupported-syntax", "multi-column assignment from \(source.tag)", at: source.location)
        }
    }
}
