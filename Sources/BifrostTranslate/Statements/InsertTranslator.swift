import BifrostSchema

/// INSERT … VALUES / SELECT / DEFAULT VALUES, with ON CONFLICT and RETURNING.
struct InsertTranslator {
    let context: TranslationContext
    let target: ModificationTarget
    /// The level holding the statement's CTEs (VALUES and SELECT see those, not the target).
    let outer: Scope

    func translate(_ node: ParseNode) throws -> (SQLiteInsert, [ScopeColumn]) {
        let override = node.string("override") ?? "OVERRIDING_NOT_SET"
        let names = try columnNames(node)
        var insert = SQLiteInsert(table: target.sqliteName, alias: target.alias, columns: names, source: .defaultValues)
        if let source = node.node("selectStmt") {
            insert.source = .select(try values(source, names: names, override: override)
                ?? select(source, names: names, override: override))
        } else {
            insert.columns = []
        }
        if let clause = node.embedded("onConflictClause", as: "OnConflictClause") {
            insert.upsert = try upsert(clause)
        }
        let (returning, columns) = try Returning(context: context, target: target, outer: outer)
            .translate(node.list("returningList"), event: .insert, hasOtherTables: false)
        insert.returning = returning
        return (insert, columns)
    }

    /// The named columns, or all of the table's in order.
    private func columnNames(_ node: ParseNode) throws -> [String] {
        let listed = node.list("cols")
        for item in listed where item.has("indirection") {
            throw context.refusal("unsupported-syntax", "inserting into a part of column \(item.string("name") ?? "") (subscript or field)", at: item.location)
        }
        if !listed.isEmpty {
            let names = listed.compactMap { $0.string("name") }
            for (name, item) in zip(names, listed) { _ = try target.column(name, context: context, at: item.location) }
            return names
        }
        return target.table?.columns.map(\.name) ?? []
    }

    // MARK: VALUES

    /// VALUES rows, each item converted to its column's type (PostgreSQL types INSERT's VALUES
    /// by the target columns). DEFAULT, which SQLite's VALUES lacks, becomes the column's
    /// translated default. nil when the source is not a plain VALUES list.
    private func values(_ source: ParseNode, names: [String], override: String) throws -> SQLiteSelect? {
        guard source.has("valuesLists"), !source.has("sortClause"), !source.has("limitCount"),
              !source.has("limitOffset"), !source.has("withClause") else { return nil }
        let expressions = ExpressionTranslator(context: context, scope: Scope(parent: outer))
        let rows = source.list("valuesLists").map { $0.list("items") }
        var translated: [[SQLiteExpression]] = []
        for row in rows {
            if target.table != nil && row.count > names.count {
                throw context.refusal("unsupported-syntax", "INSERT has more expressions than target columns", at: row[names.count].location)
            }
            if target.table == nil && names.isEmpty, row.contains(where: { $0.tag == "SetToDefault" }) {
                throw context.refusal("unsupported-syntax", "DEFAULT needs the schema (--schema) or a column list", at: source.location)
            }
            translated.append(try row.enumerated().map { index, item in
                let name = index < names.count ? names[index] : ""
                if item.tag == "SetToDefault" || overridden(name, override) {
                    if item.tag == "SetToDefault" {
                        context.rewrote("DEFAULT in VALUES", as: "the column's default expression", at: item.location)
                    }
                    return try target.defaultValue(name, context: context, at: item.location)
                }
                try checkIdentity(name, override: override, at: item.location)
                return try expressions.assignment(item, to: target.type(of: name)).sql
            })
        }
        let width = translated.map(\.count).max() ?? 0
        if translated.contains(where: { $0.count != width }) {
            throw context.refusal("unsupported-syntax", "VALUES lists must all be the same length", at: source.location)
        }
        return SQLiteSelect(body: .values(translated))
    }

    /// OVERRIDING USER VALUE: identity columns take their default whatever is given.
    private func overridden(_ name: String, _ override: String) -> Bool {
        override == "OVERRIDING_USER_VALUE" && target.table?.column(name)?.identity != nil
    }

    /// PostgreSQL refuses an explicit value for a GENERATED ALWAYS identity column unless the
    /// statement says OVERRIDING SYSTEM VALUE; so does the translation.
    private func checkIdentity(_ name: String, override: String, at location: Int?) throws {
        guard target.table?.column(name)?.identity?.generation == .always, override != "OVERRIDING_SYSTEM_VALUE" else { return }
        throw context.refusal("generated-always", "cannot insert a non-DEFAULT value into column \(name): it is GENERATED ALWAYS AS IDENTITY (use OVERRIDING SYSTEM VALUE)", at: location)
    }

    // MARK: SELECT

    /// INSERT … SELECT: the select as is when its columns already have the target columns'
    /// types, else wrapped in a select that converts each one.
    private func select(_ source: ParseNode, names: [String], override: String) throws -> SQLiteSelect {
        let (select, columns) = try SelectTranslator(context: context, parent: outer).translate(source)
        if target.table != nil && columns.count > names.count {
            throw context.refusal("unsupported-syntax", "INSERT has more expressions than target columns", at: source.location)
        }
        for name in names.prefix(columns.count) {
            if overridden(name, override) {
                throw context.refusal("unsupported-syntax", "OVERRIDING USER VALUE with INSERT … SELECT", at: source.location)
            }
            try checkIdentity(name, override: override, at: source.location)
        }
        let needsConversion = zip(names, columns).contains { name, column in
            let wanted = target.type(of: name)
            return !(wanted.isOpen || column.type == wanted || column.type == .null || column.type == .any
                     || column.type.isTextual && wanted.isTextual || column.type.isInteger && wanted.isInteger)
        }
        guard needsConversion else { return select }
        let alias = context.freshAlias("source")
        let inner = Scope(parent: outer)
        var positional = columns
        for index in positional.indices { positional[index].name = "_c\(index + 1)" }
        inner.relations = [ScopeRelation(name: alias, columns: positional)]
        let expressions = ExpressionTranslator(context: context, scope: inner)
        let outputs = try zip(names, positional).map { name, column in
            try expressions.assign(Typed(.column(table: alias, name: column.name), column.type),
                                   to: target.type(of: name), at: source).sql
        }
        context.rewrote("INSERT … SELECT", as: "a select converting each value to its column's type", at: source.location)
        return SQLiteSelect(SQLiteSelectCore(columns: outputs.map { .expression($0, alias: nil) },
                                             from: .subquery(positionalSelect(select, count: columns.count), alias: alias)))
    }

    /// The select with its outputs renamed `_c1`, `_c2` … (PostgreSQL output names may repeat):
    /// a compound takes its column names from its first member.
    private func positionalSelect(_ select: SQLiteSelect, count: Int) -> SQLiteSelect {
        let names = SQLiteSelectCore(columns: (1...max(1, count)).map { .expression(.null, alias: "_c\($0)") },
                                     whereClause: .integer(0))
        return SQLiteSelect(body: .compound(.core(names), .unionAll, .nested(select)))
    }

    // MARK: ON CONFLICT

    private func upsert(_ clause: ParseNode) throws -> SQLiteUpsert {
        let scope = Scope(parent: outer)
        scope.relations = [target.relation()]
        let expressions = ExpressionTranslator(context: context, scope: scope)
        var upsert = SQLiteUpsert(target: [], targetWhere: nil, action: .nothing)
        if let infer = clause.embedded("infer", as: "InferClause") {
            if let constraint = infer.string("conname") {
                (upsert.target, upsert.targetWhere) = try arbiter(named: constraint, expressions, at: infer.location)
            } else {
                upsert.target = try infer.list("indexElems").map { element in
                    if let name = element.string("name") {
                        _ = try target.column(name, context: context, at: element.location ?? infer.location)
                        return .column(table: nil, name: name)
                    }
                    return try expressions.translate(element.node("expr")!).sql
                }
                upsert.targetWhere = try infer.node("whereClause").map(expressions.condition)
            }
        }
        if clause.string("action") == "ONCONFLICT_UPDATE" {
            let excludedScope = Scope(parent: outer)
            excludedScope.relations = [target.relation(), target.relation(named: "excluded")]
            let assignmentExpressions = ExpressionTranslator(context: context, scope: excludedScope)
            let set = try Assignments(context: context, target: target, expressions: assignmentExpressions)
                .translate(clause.list("targetList"), identityCheck: true)
            let condition = try clause.node("whereClause").map(assignmentExpressions.condition)
            upsert.action = .update(set: set, whereClause: condition)
        }
        return upsert
    }

    /// ON CONFLICT ON CONSTRAINT name: the columns (or expressions and predicate) of the primary
    /// key, unique constraint or unique index of that name.
    private func arbiter(named name: String, _ expressions: ExpressionTranslator,
                         at location: Int?) throws -> ([SQLiteExpression], SQLiteExpression?) {
        guard let table = target.table else {
            throw context.refusal("unsupported-syntax", "ON CONFLICT ON CONSTRAINT needs the schema (--schema)", at: location)
        }
        if let key = ([table.primaryKey].compactMap { $0 } + table.uniqueConstraints).first(where: { $0.name == name }) {
            return (key.columns.map { .column(table: nil, name: $0) }, nil)
        }
        if let index = table.indexes.first(where: { $0.name == name && $0.isUnique }) {
            let terms = try index.elements.map { element -> SQLiteExpression in
                if let column = element.column { return .column(table: nil, name: column) }
                return try expressions.translate(try ColumnDefaults.expressionNode(element.expression!)).sql
            }
            let predicate = try index.predicate.map { try expressions.condition(try ColumnDefaults.expressionNode($0)) }
            return (terms, predicate)
        }
        throw context.refusal("unknown-constraint", "constraint \(name) of \(table.name.name) is not a primary key or unique constraint in the schema", at: location)
    }
}
