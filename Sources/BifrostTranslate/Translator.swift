import BifrostPGQuery
import BifrostSchema

/// One translated statement.
public struct TranslatedStatement: Sendable {
    /// The SQLite SQL.
    public var sql: String
    /// The SQLite syntax tree the SQL was printed from.
    public var command: SQLiteCommand
    /// Result columns (SELECT list or RETURNING), with their PostgreSQL types when known.
    public var resultColumns: [ResultColumn]
    /// The highest `$n` used; SQLite binds them as `?n`.
    public var parameterCount: Int
    /// The PostgreSQL types inferred for the parameters, by number; bind values in Bifrost's
    /// storage form of that type (booleans as 0/1, timestamps as UTC text …).
    public var parameterTypes: [Int: String]
}

/// A result column of a translated statement.
public struct ResultColumn: Sendable, Equatable {
    public var name: String
    /// The PostgreSQL type name (`timestamptz`, `text[]`, `boolean` …), nil when unknown.
    public var type: String?
}

/// The translation of a whole input.
public struct Translation: Sendable {
    public var statements: [TranslatedStatement]
    public var warnings: [TranslationDiagnostic]
    public var rewrites: [TranslationRewrite]

    /// All statements as one SQLite script.
    public var sql: String {
        statements.map { $0.sql + ";" }.joined(separator: "\n")
    }
}

/// PostgreSQL SQL → SQLite SQL through PostgreSQL's own parser (libpg_query): the tree is
/// rewritten for SQLite and printed, so the result gives the same answers on data converted by
/// Bifrost — or the statement is refused with the construct and its position.
public struct Translator: Sendable {
    public let schema: Schema?
    public let options: TranslationOptions
    private let catalog: SchemaCatalog

    public init(schema: Schema?, options: TranslationOptions = TranslationOptions()) {
        self.schema = schema
        self.options = options
        // A SQLite file's schema keeps SQLite's types, not PostgreSQL's: typing columns by it
        // would skip the rewrites their PostgreSQL types need, so it is not used for types.
        self.catalog = SchemaCatalog(schema: schema?.source.dialect == .sqlite ? nil : schema)
    }

    /// Translates every statement of `sql`. Throws `ParseError` for invalid PostgreSQL and
    /// `TranslationRefusal` for the first construct that cannot be translated exactly.
    public func translate(_ sql: String) throws -> Translation {
        let tree = try JSONValue.parse(try PGQuery.parseToJSON(sql))
        let context = TranslationContext(source: SourceText(sql), catalog: catalog, options: options)
        if schema?.source.dialect == .sqlite {
            context.warnOnce("no-schema", "the schema is a SQLite file's, which keeps no PostgreSQL types: translating as without a schema (pass the PostgreSQL database, a snapshot or schema.sql)", at: nil)
        }
        var statements: [TranslatedStatement] = []
        guard case let .array(items)? = tree["stmts"] else {
            return Translation(statements: [], warnings: [], rewrites: [])
        }
        let printer = SQLitePrinter()
        for item in items {
            guard let node = item["stmt"].flatMap(ParseNode.init) else { continue }
            context.parameterTypes = [:]
            let parameterCount = Self.highestParameter(in: item)
            var statementLocation = 0
            if case let .number(offset)? = item["stmt_location"] {
                statementLocation = context.source.skippingWhitespace(from: Int(offset))
            }
            let translator = StatementTranslator(context: context, statementLocation: statementLocation)
            for (command, columns) in try translator.translateAll(node) {
                statements.append(TranslatedStatement(
                    sql: printer.print(command), command: command,
                    resultColumns: columns.map { ResultColumn(name: $0.name, type: $0.type.postgresName) },
                    parameterCount: parameterCount,
                    parameterTypes: context.parameterTypes.compactMapValues(\.postgresName)))
            }
        }
        return Translation(statements: statements, warnings: context.warnings, rewrites: context.rewrites)
    }

    private static func highestParameter(in value: JSONValue) -> Int {
        switch value {
        case let .object(members):
            if case let .object(fields)? = members["ParamRef"], case let .number(number)? = fields["number"] {
                return Int(number)
            }
            return members.values.map(highestParameter).max() ?? 0
        case let .array(items):
            return items.map(highestParameter).max() ?? 0
        default:
            return 0
        }
    }
}

/// Dispatches one top-level statement to its translator.
struct StatementTranslator {
    let context: TranslationContext
    /// Where the statement starts in the source, for refusals of the statement as a whole.
    var statementLocation = 0

    /// The SQLite statements for one statement (a trigger may need two).
    func translateAll(_ node: ParseNode) throws -> [(SQLiteCommand, [ScopeColumn])] {
        switch node.tag {
        case "CreateStmt", "IndexStmt", "ViewStmt", "CreateTrigStmt", "CreateFunctionStmt", "CreateEnumStmt",
             "CreateDomainStmt", "AlterTableStmt":
            return try DefinitionTranslator(context: context).translate(node)
        default:
            return [try translate(node)]
        }
    }

    func translate(_ node: ParseNode) throws -> (SQLiteCommand, [ScopeColumn]) {
        switch node.tag {
        case "SelectStmt":
            let (select, columns) = try SelectTranslator(context: context, parent: nil).translate(node)
            return (.select(select), columns)
        case "InsertStmt", "UpdateStmt", "DeleteStmt":
            return try ModificationTranslator(context: context).translate(node)
        case "TransactionStmt":
            return (.transaction(try transaction(node)), [])
        default:
            throw context.refusal("unsupported-syntax", "\(Self.statementName(node.tag)) statements are not translated", at: node.location ?? statementLocation)
        }
    }

    /// How a user would name a statement kind, e.g. `SET` for `VariableSetStmt`.
    static func statementName(_ tag: String) -> String {
        let known = [
            "VariableSetStmt": "SET", "VariableShowStmt": "SHOW", "CopyStmt": "COPY", "GrantStmt": "GRANT",
            "CreateSchemaStmt": "CREATE SCHEMA", "DropStmt": "DROP", "TruncateStmt": "TRUNCATE",
            "ExplainStmt": "EXPLAIN", "VacuumStmt": "VACUUM", "LockStmt": "LOCK", "DoStmt": "DO",
            "CreateSeqStmt": "CREATE SEQUENCE", "CallStmt": "CALL", "NotifyStmt": "NOTIFY",
            "ListenStmt": "LISTEN", "PrepareStmt": "PREPARE", "ExecuteStmt": "EXECUTE", "CommentStmt": "COMMENT",
        ]
        return known[tag] ?? tag.replacingOccurrences(of: "Stmt", with: "")
    }

    private func transaction(_ node: ParseNode) throws -> String {
        switch node.string("kind") {
        case "TRANS_STMT_BEGIN", "TRANS_STMT_START": return "BEGIN"
        case "TRANS_STMT_COMMIT": return "COMMIT"
        case "TRANS_STMT_ROLLBACK": return "ROLLBACK"
        case "TRANS_STMT_SAVEPOINT": return "SAVEPOINT " + SQLitePrinter.quoteIdentifier(node.string("savepoint_name") ?? "")
        case "TRANS_STMT_RELEASE": return "RELEASE " + SQLitePrinter.quoteIdentifier(node.string("savepoint_name") ?? "")
        case "TRANS_STMT_ROLLBACK_TO": return "ROLLBACK TO " + SQLitePrinter.quoteIdentifier(node.string("savepoint_name") ?? "")
        default: throw context.refusal("unsupported-syntax", "transaction statement \(node.string("kind") ?? "")", at: node.location ?? statementLocation)
        }
    }
}
