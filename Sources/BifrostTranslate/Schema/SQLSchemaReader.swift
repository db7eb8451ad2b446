import BifrostPGQuery
import BifrostSchema

/// Reads a DDL script as pg_dump (or a person) writes it — CREATE TYPE (enum), CREATE DOMAIN,
/// CREATE TABLE, ALTER TABLE … ADD CONSTRAINT / SET DEFAULT, CREATE INDEX, CREATE VIEW,
/// CREATE FUNCTION, CREATE TRIGGER, COMMENT — into the schema model, through PostgreSQL's
/// parser. SET, set_config, ownership and privileges are ignored; other statements are noted.
public struct SQLSchemaReader {
    public init() {}

    public func read(_ sql: String) throws -> Schema {
        var state = try SQLSchemaReaderState(script: ScriptText(sql))
        let tree = try JSONValue.parse(try PGQuery.parseToJSON(sql))
        guard case let .array(items)? = tree["stmts"] else { return state.schema }
        for item in items {
            guard let node = item["stmt"].flatMap(ParseNode.init) else { continue }
            let start = item["stmt_location"].flatMap { if case let .number(value) = $0 { Int(value) } else { nil } } ?? 0
            let length = item["stmt_len"].flatMap { if case let .number(value) = $0 { Int(value) } else { nil } }
            let end = length.map { start + $0 } ?? Array(sql.utf8).count
            try state.read(node, start: start, end: end)
        }
        return state.finished()
    }
}

/// The schema built so far while reading a script.
struct SQLSchemaReaderState {
    let script: ScriptText
    var schema = Schema(source: SchemaSource(dialect: .postgresql), namespaces: ["public"])
    var types: SQLTypeNames { SQLTypeNames(userTypes: Dictionary(schema.types.map { ($0.name.name, $0) }, uniquingKeysWith: { _, last in last })) }

    init(script: ScriptText) throws {
        self.script = script
    }

    mutating func read(_ node: ParseNode, start: Int, end: Int) throws {
        switch node.tag {
        case "CreateEnumStmt":
            let name = qualified(node.names("typeName"))
            schema.types.append(UserType(name: name, definition: .enumeration(labels: node.names("vals"))))
        case "CreateDomainStmt":
            try domain(node)
        case "CreateStmt":
            try createTable(node)
        case "AlterTableStmt":
            try alterTable(node)
        case "IndexStmt":
            try index(node)
        case "ViewStmt":
            try view(node, start: start, end: end)
        case "CreateFunctionStmt":
            function(node, start: start, end: end)
        case "CreateTrigStmt":
            try trigger(node)
        case "CommentStmt":
            comment(node)
        case "CreateSeqStmt", "AlterSeqStmt":
            sequence(node)
        case "CreateExtensionStmt":
            schema.extensions.append(Extension(name: node.string("extname") ?? "", version: "", schema: "public"))
        case "VariableSetStmt", "CreateSchemaStmt", "GrantStmt", "GrantRoleStmt", "AlterOwnerStmt",
             "AlterDefaultPrivilegesStmt", "TransactionStmt":
            break
        case "SelectStmt" where isSetConfig(node):
            break
        default:
            schema.notes.append("statement \(node.tag.replacingOccurrences(of: "Stmt", with: "")) at line \(script.source.position(ofByte: start).line) ignored")
        }
    }

    func finished() -> Schema {
        var result = schema
        // A primary key makes its columns NOT NULL.
        for index in result.tables.indices {
            for column in result.tables[index].primaryKey?.columns ?? [] {
                if let position = result.tables[index].columns.firstIndex(where: { $0.name == column }) {
                    result.tables[index].columns[position].isNullable = false
                }
            }
        }
        return result
    }

    // MARK: Names

    func qualified(_ names: [String]) -> QualifiedName {
        QualifiedName(schema: names.count > 1 ? names[names.count - 2] : "public", name: names.last ?? "")
    }

    func qualified(relation: ParseNode) -> QualifiedName {
        QualifiedName(schema: relation.string("schemaname") ?? "public", name: relation.string("relname") ?? "")
    }

    func tableIndex(_ relation: ParseNode) throws -> Int {
        let name = qualified(relation: relation)
        guard let index = schema.tables.firstIndex(where: { $0.name == name }) else {
            throw TranslationRefusal(TranslationDiagnostic(code: "unknown-table", message: "table \(name) is used before it is created", line: 0, column: 0))
        }
        return index
    }

    /// A schema expression from a parse-tree node: the tree and its source text.
    func expression(_ node: ParseNode, stopWords: Set<String> = []) -> SQLExpression {
        let text = node.location.map { script.expression(at: Self.start(of: node) ?? $0, stopWords: stopWords) } ?? ""
        return SQLExpression(sql: text, tree: .object([node.tag: .object(node.fields)]))
    }

    /// The first byte of an expression (an operator's location is its symbol, not its left operand).
    static func start(of node: ParseNode) -> Int? {
        var positions = [node.location].compactMap { $0 }
        for key in ["lexpr", "arg", "xpr"] {
            if let child = node.node(key), let position = start(of: child) { positions.append(position) }
        }
        if let first = node.list("args").first, node.tag == "BoolExpr", let position = start(of: first) {
            positions.append(position)
        }
        return positions.min()
    }

    private func isSetConfig(_ node: ParseNode) -> Bool {
        node.list("targetList").allSatisfy { target in
            target.node("val")?.names("funcname").last == "set_config"
        }
    }

    // MARK: Objects

    private mutating func domain(_ node: ParseNode) throws {
        let name = qualified(node.names("domainname"))
        let typeName = node.embedded("typeName", as: "TypeName")!
        let (base, _) = try types.columnType(typeName)
        var notNull = false
        var defaultValue: SQLExpression?
        var checks: [CheckConstraint] = []
        for constraint in node.list("constraints") {
            switch constraint.string("contype") {
            case "CONSTR_NOTNULL": notNull = true
            case "CONSTR_DEFAULT": defaultValue = constraint.node("raw_expr").map { expression($0, stopWords: columnConstraintWords) }
            case "CONSTR_CHECK":
                if let raw = constraint.node("raw_expr") {
                    checks.append(CheckConstraint(name: constraint.string("conname") ?? "\(name.name)_check",
                                                  expression: expression(raw), isValidated: !constraint.bool("skip_validation")))
                }
            default: break
            }
        }
        schema.types.append(UserType(name: name, definition: .domain(baseType: base.declaration, isNotNull: notNull,
                                                                     defaultExpression: defaultValue, checks: checks)))
    }

    private mutating func view(_ node: ParseNode, start: Int, end: Int) throws {
        let relation = node.embedded("view", as: "RangeVar")!
        guard let query = script.viewQuery(statementStart: start, statementEnd: end) else { return }
        if let option = node.string("withCheckOption"), option != "NO_CHECK_OPTION" {
            schema.notes.append("view \(relation.string("relname") ?? "") WITH CHECK OPTION: the option is not kept")
        }
        var columns = node.names("aliases")
        if columns.isEmpty, let select = node.node("query") {
            columns = select.list("targetList").map { target in
                target.string("name") ?? target.node("val").map(SelectTranslator.outputName) ?? "?column?"
            }
        }
        schema.views.append(View(name: qualified(relation: relation), definition: query, columns: columns))
    }

    private mutating func function(_ node: ParseNode, start: Int, end: Int) {
        let options = node.list("options")
        func option(_ name: String) -> ParseNode? { options.first { $0.string("defname") == name }?.node("arg") }
        let language = option("language")?.stringValue ?? "sql"
        let body = option("as")?.list("items").first?.stringValue ?? ""
        let returns = node.embedded("returnType", as: "TypeName")?.names("names").last ?? "void"
        schema.functions.append(Function(name: qualified(node.names("funcname")), returns: returns, language: language,
                                         isProcedure: node.bool("is_procedure"), body: body,
                                         definition: script.slice(start, end)))
    }

    private mutating func trigger(_ node: ParseNode) throws {
        let index = try tableIndex(node.embedded("relation", as: "RangeVar")!)
        let timingBits = node.int("timing") ?? 0
        let eventBits = node.int("events") ?? 0
        let bits: [(Int, Trigger.Event)] = [(4, .insert), (8, .delete), (16, .update), (32, .truncate)]
        let events = bits.filter { eventBits & $0.0 != 0 }.map { $0.1 }
        let timing: Trigger.Timing = timingBits & 2 != 0 ? .before : (timingBits & 64 != 0 ? .insteadOf : .after)
        let function = qualified(node.names("funcname"))
        schema.tables[index].triggers.append(Trigger(
            name: node.string("trigname") ?? "", timing: timing, events: events, updateColumns: node.names("columns"),
            level: node.bool("row") ? .row : .statement, condition: node.node("whenClause").map { expression($0) },
            function: function, arguments: node.names("args"), definition: ""))
    }

    private mutating func comment(_ node: ParseNode) {
        let comment = node.string("comment")
        let path = node.node("object")?.names("items") ?? []
        switch node.string("objtype") {
        case "OBJECT_TABLE":
            if let index = schema.tables.firstIndex(where: { $0.name == qualified(path) }) { schema.tables[index].comment = comment }
        case "OBJECT_VIEW":
            if let index = schema.views.firstIndex(where: { $0.name == qualified(path) }) { schema.views[index].comment = comment }
        case "OBJECT_COLUMN":
            let table = qualified(Array(path.dropLast()))
            if let index = schema.tables.firstIndex(where: { $0.name == table }),
               let column = schema.tables[index].columns.firstIndex(where: { $0.name == path.last }) {
                schema.tables[index].columns[column].comment = comment
            }
        default: break
        }
    }

    private mutating func sequence(_ node: ParseNode) {
        guard node.tag == "CreateSeqStmt", let relation = node.embedded("sequence", as: "RangeVar") else { return }
        schema.sequences.append(Sequence(name: qualified(relation: relation)))
    }
}
