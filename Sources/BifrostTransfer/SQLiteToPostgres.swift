import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import Foundation

/// Imports a SQLite file into a PostgreSQL schema: the way back from `PostgresToSQLite`.
///
/// For a file written by `bifrost convert`, the tables are recreated from the PostgreSQL
/// model in its `_bifrost_metadata` (original types, enums, domains, defaults, identity
/// and serial sequences, constraints, indexes); for any other file, types are inferred
/// from the declared SQLite types and listed as notes. Rows go in with `COPY … FROM STDIN`,
/// constraints and indexes are added after the data, sequences are moved past the data,
/// and the result is verified — all in one transaction: a failure leaves the database as
/// it was.
public struct SQLiteToPostgres {
    public struct Options: Sendable {
        /// The PostgreSQL schema to create the tables in; `nil`: the schema they came from
        /// (`public` for files without metadata).
        public var schema: String?
        /// Compare the imported rows with the file (counts and checksums) before committing.
        public var verify: Bool
        /// What a stored value that cannot be imported does (`--on-error`).
        public var onError: RowErrorPolicy
        /// Types for columns of a file made elsewhere (`--type`).
        public var typeOverrides: [ImportTypeOverride]

        public init(schema: String? = nil, verify: Bool = true, onError: RowErrorPolicy = .stop,
                    typeOverrides: [ImportTypeOverride] = []) {
            self.schema = schema
            self.verify = verify
            self.onError = onError
            self.typeOverrides = typeOverrides
        }
    }

    public let source: String
    public let destination: ConnectionString
    public let options: Options

    public init(source: String, destination: ConnectionString, options: Options = Options()) {
        self.source = source
        self.destination = destination
        self.options = options
    }

    public func run(onEvent: (TransferEvent) -> Void = { _ in }) throws -> ConversionReport {
        let started = Date()
        let sqlite = try SQLiteConnection(path: source, mode: .readOnly)
        let input = try ImportSource.read(sqlite, overrides: options.typeOverrides)
        let tables = input.schema.tables.filter { $0.partitionOf == nil }
        guard !tables.isEmpty else { throw ImportError.empty(source) }
        let sourceSchema = input.schema.namespaces.first ?? tables[0].name.schema
        let target = options.schema ?? (input.fromMetadata ? sourceSchema : "public")
        let ddl = PostgresDDL(schema: input.schema, source: sourceSchema, target: target)
        let planner = MappingPlanner(rules: input.rules)
        let mappings = try tables.map { try planner.plan($0, sqliteName: $0.name.name) }
        var notes = input.fromMetadata ? [] : ["\(source) has no \(ImportSource.metadataTable): PostgreSQL types inferred from the declared SQLite types"] + input.notes

        let rejects: RejectFile? = if case let .skip(path) = options.onError { try RejectFile(path: path) } else { nil }
        let postgres = try PostgresConnection(destination)
        // READ COMMITTED whatever the server's default: COPY FREEZE refuses to run in a
        // transaction that holds a snapshot from earlier statements.
        try postgres.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        var reports: [TableReport] = []
        var verification: VerificationReport?
        do {
            try prepareSchema(target, postgres: postgres, tables: tables, ddl: ddl, input: input)
            let sameSchema = target == sourceSchema && input.fromMetadata
            if sameSchema {
                for function in input.schema.functions {
                    try optional("function \(function.name)", function.definition, postgres: postgres, notes: &notes)
                }
            }
            try run(ddl.createTypes() + ddl.createSequences(), "create types and sequences", postgres)
            let ordered = PostgresDDL.parentsFirst(input.schema.tables)
            try run(ordered.map { $0.partitionOf == nil ? ddl.createTable($0) : ddl.createPartition($0) }.compactMap { $0 },
                    "create tables", postgres)
            for mapping in mappings {
                let name = mapping.table.name
                onEvent(.tableStarted(name, estimatedRows: try ImportSource.rowCount(sqlite, table: mapping.sqliteName)))
                let report = try TableLoad(mapping: mapping, target: ddl.name(name), postgres: postgres, sqlite: sqlite,
                                           rejects: rejects)
                    .run { onEvent(.tableProgress(name, rows: $0, bytes: $1)) }
                reports.append(report)
                onEvent(.tableFinished(report))
            }
            // Verification's SQLite side needs no PostgreSQL: it runs while the indexes are built.
            let verified = try tables.map { table -> TableMapping in
                var moved = table
                moved.name.schema = target
                return try planner.plan(moved, sqliteName: table.name.name)
            }
            let sqliteSides = options.verify ? Verification.sqliteSides(of: verified, path: source) : nil
            defer { _ = try? sqliteSides?.wait() }
            for table in tables {
                try run(ddl.afterData(table), "add the keys, constraints and indexes of \(table.name)", postgres)
            }
            for partition in input.schema.tables where partition.partitionOf != nil {
                try run(ddl.partitionIndexes(partition), "add the indexes of partition \(partition.name)", postgres)
            }
            let leftOut = reports.contains { $0.rejects > 0 }
            for table in tables {
                for (key, sql) in zip(table.foreignKeys, ddl.foreignKeys(table)) {
                    guard leftOut else {
                        try run([sql], "add the foreign keys of \(table.name)", postgres)
                        continue
                    }
                    // Rows --on-error=skip left out may be referenced: such a key is added
                    // without checking the rows there are (NOT VALID), and said so.
                    try optional("foreign key \(key.name) of \(table.name)", sql, postgres: postgres, notes: &notes) { _ in
                        try run([sql + " NOT VALID"], "add the foreign keys of \(table.name)", postgres)
                        return "foreign key \(key.name) of \(table.name) added NOT VALID: rows it references were left out (--on-error=skip); fix them, then ALTER TABLE \(ddl.name(table.name)) VALIDATE CONSTRAINT \(PostgresDDL.quote(key.name))"
                    }
                }
            }
            try resetSequences(input.schema, tables: tables, ddl: ddl, postgres: postgres)
            if sameSchema {
                for table in tables {
                    for trigger in table.triggers {
                        try optional("trigger \(trigger.name) on \(table.name)", trigger.definition, postgres: postgres, notes: &notes)
                    }
                }
                for view in input.schema.views {
                    let kind = view.isMaterialized ? "MATERIALIZED VIEW" : "VIEW"
                    try optional("view \(view.name)", "CREATE \(kind) \(ddl.name(view.name)) AS \(view.definition)",
                                 postgres: postgres, notes: &notes)
                }
            } else if input.fromMetadata, input.schema.tables.contains(where: { !$0.triggers.isEmpty }) || !input.schema.views.isEmpty {
                notes.append("triggers, functions and views are recreated only when importing into their own schema (\(sourceSchema)); their SQL names it")
            }
            if options.verify {
                onEvent(.verifying)
                let report = try Verification.verify(verified, postgres: postgres, sqlite: sqlite, maxDifferences: 10,
                                                     rejectedRows: Dictionary(reports.map { ($0.sqliteName, $0.rejects) },
                                                                              uniquingKeysWith: +),
                                                     sqliteSides: sqliteSides)
                guard report.isEqual else { throw ImportError.verificationFailed(report) }
                verification = report
            }
            if let rejects, case let .skip(path) = options.onError, rejects.count > 0 {
                notes.append("\(rejects.count) rows left out (--on-error=skip), each with its reason, in \(path)")
            }
            notes.forEach { onEvent(.note($0)) }
            try postgres.execute("COMMIT")
            try rejects?.commit()
        } catch {
            _ = try? postgres.execute("ROLLBACK")
            rejects?.discard()
            throw error
        }
        return ConversionReport(destination: "\(destination.label) schema \(target)", tables: reports, notes: notes,
                                verification: verification, seconds: Date().timeIntervalSince(started))
    }

    /// Creates the target schema when missing and refuses one that already holds any of the
    /// tables; sets `search_path` so the model's unqualified names resolve in the target.
    private func prepareSchema(_ target: String, postgres: PostgresConnection, tables: [Table], ddl: PostgresDDL,
                               input: ImportSource) throws {
        let clashing = try postgres.query("""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = ANY($2::text[])
            """, [target, "{" + tables.map { "\"" + $0.name.name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "}"])
        if clashing.value(row: 0, column: 0) != "0" { throw ImportError.schemaExists(target) }
        let extensionSchemas = input.schema.extensions.map(\.schema).filter { $0 != target }
        let path = ([target] + extensionSchemas).map(PostgresDDL.quote).joined(separator: ", ")
        let exists = try postgres.query("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [target])
        if exists.value(row: 0, column: 0) == "0" {
            try run(["CREATE SCHEMA \(PostgresDDL.quote(target))"], "create schema \(target)", postgres)
        }
        try run(["SET LOCAL search_path = \(path)", "SET LOCAL check_function_bodies = off"],
                "prepare schema \(target)", postgres)
    }

    /// Moves every sequence past the data: to the position recorded in the model, or to the
    /// largest value of the column it feeds, whichever is larger.
    private func resetSequences(_ schema: Schema, tables: [Table], ddl: PostgresDDL, postgres: PostgresConnection) throws {
        for table in tables {
            for column in table.columns where column.identity != nil || column.serialSequence != nil {
                let owned = schema.sequences.first {
                    $0.ownedBy == ColumnReference(table: table.name, column: column.name)
                        || $0.name == column.identity?.sequence || $0.name == column.serialSequence
                }
                let sql = """
                    SELECT setval(pg_get_serial_sequence($1, $2), greatest($3::bigint, \
                    (SELECT max(\(PostgresDDL.quote(column.name)))::bigint FROM \(ddl.name(table.name)))))
                    """
                do {
                    try postgres.query(sql, [ddl.name(table.name), column.name, owned?.lastValue.map(String.init)])
                } catch let error as PostgresError {
                    throw ImportError.statementFailed(what: "reset the sequence of \(table.name).\(column.name)", error: error)
                }
            }
        }
        let owned = Set(tables.flatMap { table in table.columns.map { ColumnReference(table: table.name, column: $0.name) } })
        for sequence in schema.sequences where sequence.ownedBy.map({ !owned.contains($0) }) ?? true {
            guard let last = sequence.lastValue else { continue }
            try run(["SELECT setval(\(PostgresDDL.literal(ddl.name(sequence.name))), \(last))"],
                    "set sequence \(sequence.name)", postgres)
        }
        for sequence in schema.sequences {
            guard let owner = sequence.ownedBy, owned.contains(owner),
                  let column = schema.table(owner.table)?.column(owner.column), column.identity == nil else { continue }
            try run(["ALTER SEQUENCE \(ddl.name(sequence.name)) OWNED BY \(ddl.name(owner.table)).\(PostgresDDL.quote(owner.column))"],
                    "attach sequence \(sequence.name)", postgres)
        }
    }

    private func run(_ statements: [String], _ what: String, _ postgres: PostgresConnection) throws {
        for statement in statements {
            do {
                try postgres.execute(statement)
            } catch let error as PostgresError {
                throw ImportError.statementFailed(what: what, error: error)
            }
        }
    }

    /// A statement whose failure is a note, not the end (a savepoint keeps the transaction).
    /// `otherwise`, when given, runs after a failure and says what it did instead.
    private func optional(_ what: String, _ sql: String, postgres: PostgresConnection, notes: inout [String],
                          otherwise: ((PostgresError) throws -> String)? = nil) throws {
        try postgres.execute("SAVEPOINT bifrost_optional")
        do {
            try postgres.execute(sql)
            try postgres.execute("RELEASE SAVEPOINT bifrost_optional")
        } catch let error as PostgresError {
            try postgres.execute("ROLLBACK TO SAVEPOINT bifrost_optional")
            notes.append(try otherwise?(error) ?? "\(what) not recreated: \(error.message)")
        }
    }
}
