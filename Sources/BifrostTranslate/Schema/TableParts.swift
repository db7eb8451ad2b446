import BifrostMapping
import BifrostSchema

/// The translated parts of one table: defaults, CHECKs (the table's and its columns' domains'),
/// indexes and triggers. Each part that cannot be translated becomes a note.
struct TableParts {
    let translator: SchemaTranslator
    let mapping: TableMapping
    var table: Table { mapping.table }
    private var tableName: String { table.name.description }

    init(translator: SchemaTranslator, mapping: TableMapping) {
        self.translator = translator
        self.mapping = mapping
    }

    // MARK: Defaults and CHECKs

    func additions(notes: inout [String]) -> TableAdditions {
        let printer = SQLitePrinter()
        var additions = TableAdditions()
        for column in table.columns where column.defaultExpression != nil || column.identity != nil {
            guard let sql = attempt("default of \(tableName).\(column.name)", notes: &notes, { context in
                try requireDefaultStorage([column.name])
                switch try ColumnDefaults(context: context).translate(column, of: table) {
                case let .expression(value): return printer.expression(value)
                case .rowid, .none: return nil
                }
            }) ?? nil else { continue }
            additions.defaults[column.name] = sql
        }
        for check in table.checks {
            guard check.isValidated else {
                notes.append("CHECK \(check.name) of \(tableName) not carried over: it is NOT VALID in PostgreSQL, so existing rows may violate it")
                continue
            }
            if let sql = attempt("CHECK \(check.name) of \(tableName)", notes: &notes, { context in
                try checkSQL(check.expression, context: context, printer: printer)
            }) {
                additions.checks.append(.init(name: check.name, sql: sql))
            }
        }
        for column in table.columns {
            additions.checks += domainChecks(column, printer: printer, notes: &notes)
        }
        return additions
    }

    /// The CHECKs of a column's domains, with VALUE standing for the column.
    private func domainChecks(_ column: Column, printer: SQLitePrinter, notes: inout [String]) -> [TableAdditions.NamedCheck] {
        let domains = ([column.type.type] + column.type.domainBases).filter { $0.kind == .domain }
        var checks: [TableAdditions.NamedCheck] = []
        for domain in domains {
            guard let type = translator.schema.types.first(where: { $0.name.name == domain.name && $0.name.schema == domain.schema }),
                  case let .domain(_, isNotNull, _, domainChecks) = type.definition else { continue }
            if isNotNull {
                checks.append(.init(name: "\(column.name)_\(domain.name)_not_null",
                                    sql: printer.expression(.postfix(.column(table: nil, name: column.name), "IS NOT NULL"))))
            }
            for check in domainChecks {
                let object = "CHECK \(check.name) of domain \(domain.name) on \(tableName).\(column.name)"
                if let sql = attempt(object, notes: &notes, { context in
                    try requireDefaultStorage([column.name])
                    let node = ConstraintNormalizer.normalize(try ColumnDefaults.expressionNode(check.expression))
                    let scope = Scope(parent: nil)
                    scope.relations = [ScopeRelation(name: "", columns: [ScopeColumn(name: "value", type: SQLType(column: column))],
                                                      qualifiesReferences: false)]
                    let condition = try ExpressionTranslator(context: context, scope: scope).condition(node)
                    return printer.expression(condition.replacingColumns { _, name in
                        name == "value" ? .column(table: nil, name: column.name) : nil
                    })
                }) {
                    checks.append(.init(name: "\(column.name)_\(check.name)", sql: sql))
                }
            }
        }
        return checks
    }

    private func checkSQL(_ expression: SQLExpression, context: TranslationContext, printer: SQLitePrinter) throws -> String {
        let node = ConstraintNormalizer.normalize(try ColumnDefaults.expressionNode(expression))
        let condition = try ExpressionTranslator(context: context, scope: tableScope()).condition(node)
        try requireDefaultStorage(Self.columns(in: condition))
        if condition.containsSubquery {
            throw context.refusal("unsupported-check", "SQLite does not allow subqueries in CHECK", at: nil)
        }
        return printer.expression(condition)
    }

    // MARK: Indexes

    func indexes(notes: inout [String]) -> [SQLiteCreateIndex] {
        table.indexes.filter { $0.constraint == nil }.compactMap { index in
            attempt("index \(index.name) of \(tableName)", notes: &notes) { context in try self.index(index, context: context) }
        }
    }

    func index(_ index: Index, context: TranslationContext) throws -> SQLiteCreateIndex {
        switch index.method {
        case "btree": break
        case "hash": context.rewrote("hash index \(index.name)", as: "a SQLite (b-tree) index serving the same lookups", at: nil)
        default:
            throw context.refusal("unsupported-index", "\(index.method.uppercased()) indexes have no SQLite counterpart (SQLite has b-tree indexes only)", at: nil)
        }
        let expressions = ExpressionTranslator(context: context, scope: tableScope())
        var terms = try index.elements.map { element -> SQLiteOrderingTerm in
            let value: SQLiteExpression
            if let column = element.column {
                value = .column(table: nil, name: column)
            } else if let expression = element.expression {
                value = try expressions.translate(ConstraintNormalizer.normalize(try ColumnDefaults.expressionNode(expression))).sql
            } else {
                throw context.refusal("unsupported-index", "an index element without column or expression", at: nil)
            }
            return SQLiteOrderingTerm(value, descending: element.isDescending)
        }
        if !index.included.isEmpty {
            if index.isUnique {
                context.rewrote("INCLUDE columns of unique index \(index.name)", as: "left out (SQLite has no INCLUDE)", at: nil)
            } else {
                terms += index.included.map { SQLiteOrderingTerm(.column(table: nil, name: $0)) }
            }
        }
        let predicate = try index.predicate.map {
            try expressions.condition(ConstraintNormalizer.normalize(try ColumnDefaults.expressionNode($0)))
        }
        let referenced = terms.flatMap { Self.columns(in: $0.expression) } + (predicate.map(Self.columns) ?? [])
        try requireDefaultStorage(referenced)
        if terms.contains(where: { $0.expression.containsSubquery }) || predicate?.containsSubquery == true {
            throw context.refusal("unsupported-index",
                                  "its exact SQLite translation needs a subquery (e.g. lower() beyond ASCII walks the characters), which SQLite does not allow in an index; queries still answer exactly, without this index",
                                  at: nil)
        }
        return SQLiteCreateIndex(name: index.name, table: mapping.sqliteName, unique: index.isUnique, terms: terms,
                                 whereClause: predicate)
    }

    // MARK: Triggers

    func triggers(notes: inout [String]) -> [SQLiteCreateTrigger] {
        table.triggers.flatMap { trigger in
            attempt("trigger \(trigger.name) of \(tableName)", notes: &notes) { context in
                try requireDefaultStorage(table.columns.map(\.name))
                return try TriggerTranslator(context: context, table: table, sqliteName: mapping.sqliteName).translate(trigger)
            } ?? []
        }
    }

    // MARK: Helpers

    /// Runs one translation with its own context; a refusal becomes a note.
    private func attempt<T>(_ object: String, notes: inout [String], _ body: (TranslationContext) throws -> T) -> T? {
        let context = translator.makeContext("")
        do {
            let result = try body(context)
            for warning in context.warnings where warning.code != "text-collation" {
                notes.append("\(object): \(warning.message)")
            }
            return result
        } catch {
            notes.append("\(object) not carried over: \(SchemaTranslator.reason(error))")
            return nil
        }
    }

    private func tableScope() -> Scope {
        let scope = Scope(parent: nil)
        scope.relations = [ScopeRelation(name: table.name.name,
                                         columns: table.columns.map { ScopeColumn(name: $0.name, type: SQLType(column: $0)) },
                                         table: table, qualifiesReferences: false)]
        return scope
    }

    /// The translation assumes each column is stored as the default mapping stores its type.
    private func requireDefaultStorage(_ columns: [String]) throws {
        for name in Set(columns) {
            guard let column = mapping.columns.first(where: { $0.column.name == name }) else { continue }
            let expected = Self.defaultCodec(SQLType(column: column.column))
            if column.codec.name != expected {
                throw TranslationRefusal(TranslationDiagnostic(
                    code: "custom-mapping",
                    message: "column \(name) is stored with codec \(column.codec.name) (rule \(column.rule.match)), and the translator assumes \(expected)",
                    line: 0, column: 0))
            }
        }
    }

    private static func defaultCodec(_ type: SQLType) -> String {
        switch type {
        case .boolean: return "boolean"
        case .integer: return "integer"
        case .numeric: return "numeric"
        case .float: return "float"
        case .uuid: return "uuid"
        case .json, .jsonb: return "json"
        case .timestamptz, .timestamp: return "timestamp"
        case .date: return "date"
        case .time: return "time"
        case .bytea: return "blob"
        case .enumeration: return "enum"
        case .array: return "json-array"
        default: return "text"
        }
    }

    static func columns(in expression: SQLiteExpression) -> [String] {
        var names: [String] = []
        _ = expression.replacingColumns { _, name in
            names.append(name)
            return nil
        }
        return names
    }
}
