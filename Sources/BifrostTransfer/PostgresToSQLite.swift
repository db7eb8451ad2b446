import BifrostIntrospection
import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import BifrostTranslate
import Foundation

/// Converts the tables of a PostgreSQL schema into a new SQLite file.
///
/// Every table is read with binary COPY inside one REPEATABLE READ transaction (one
/// consistent snapshot), decoded column by column into prepared SQLite statements, and its
/// row count checked on both sides. The file appears at the destination only when all of
/// that succeeded.
public struct PostgresToSQLite {
    public struct Options: Sendable {
        /// The PostgreSQL schema whose tables are converted.
        public var schema: String
        public var rules: MappingRules
        /// Compare both sides (counts and content checksums) before the file is put in place.
        public var verify: Bool
        /// Which tables of the schema (`--table`, `--exclude-table`).
        public var selection: TableSelection
        /// Tables, indexes, triggers and views without rows (`--schema-only`).
        public var schemaOnly: Bool
        /// Rows only, into the file a `--schema-only` conversion wrote at the destination.
        public var dataOnly: Bool
        /// PostgreSQL connections reading tables at once (`--jobs`), all in one snapshot.
        public var jobs: Int
        /// What a value that cannot be stored exactly does (`--on-error`).
        public var onError: RowErrorPolicy

        public init(schema: String = "public", rules: MappingRules = .defaultRules, verify: Bool = true,
                    selection: TableSelection = .all, schemaOnly: Bool = false, jobs: Int = 1,
                    onError: RowErrorPolicy = .stop, dataOnly: Bool = false) {
            self.schema = schema
            self.rules = rules
            self.verify = verify
            self.selection = selection
            self.schemaOnly = schemaOnly
            self.jobs = jobs
            self.onError = onError
            self.dataOnly = dataOnly
        }
    }

    public let source: ConnectionString
    public let destination: String
    public let options: Options

    public init(source: ConnectionString, destination: String, options: Options = Options()) {
        self.source = source
        self.destination = destination
        self.options = options
    }

    public func run(onEvent: (TransferEvent) -> Void = { _ in }) throws -> ConversionReport {
        let started = Date()
        let postgres = try PostgresConnection(source)
        try postgres.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        let fullSchema = try PostgresSchemaReader(connection: postgres).read(schemas: [options.schema])
        guard !fullSchema.tables.isEmpty else {
            throw ConversionError.nothingToConvert(schema: options.schema, source: source.label)
        }
        // Only the selected tables: the translator does not know the others, so foreign keys
        // to them are left out and views reading them are not carried over (with notes).
        let schema = try options.selection.apply(to: fullSchema)
        // Partitions are read through their parent: one SQLite table per partitioned table.
        let mappings = try Verification.plan(schema, rules: options.rules, selection: options.selection)

        let output = try AtomicOutputFile(destination: destination)
        var reports: [TableReport] = []
        var notes: [String] = []
        var verification: VerificationReport?
        // Other connections (readers for --jobs, verification's PostgreSQL side) join this
        // transaction's snapshot.
        let needsSnapshot = !options.schemaOnly && (options.jobs > 1 || options.verify)
        let snapshot = needsSnapshot ? SnapshotConnection.export(from: postgres) : nil
        if options.jobs > 1, !options.schemaOnly, snapshot == nil {
            notes.append("--jobs \(options.jobs) needs pg_export_snapshot(), which this server refused: tables were read one at a time")
        }
        let verifier = options.verify && !options.schemaOnly
            ? ConvertVerification(mappings: mappings, source: source, snapshot: snapshot) : nil
        var rejects: RejectFile?
        do {
            if case let .skip(path) = options.onError { rejects = try RejectFile(path: path) }
            if options.dataOnly { try DataOnlyLoad.copy(destination, to: output.temporaryPath) }
            let sqlite = try SQLiteConnection(path: output.temporaryPath)
            // The file is discarded on failure, so the load needs no journal and no fsync; a
            // 32 MB page cache keeps index pages from being written again and again.
            try sqlite.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32768")
            let afterData = try prepareTables(schema, mappings: mappings, sqlite: sqlite, notes: &notes)
            if options.schemaOnly {
                reports = mappings.map { TableReport(source: $0.table.name, sqliteName: $0.sqliteName) }
            } else {
                let connections = ReaderConnections(own: postgres, source: source, snapshot: snapshot, jobs: options.jobs)
                var pipeline = CopyPipeline(mappings: mappings, sqlite: sqlite, connections: connections)
                pipeline.rejects = rejects
                reports = try pipeline.run(onEvent: onEvent)
                if let verifier {
                    // Readers and the writer do not wait for each other in WAL mode: SQLite's
                    // side is read back on its own connection while the indexes are built.
                    try sqlite.execute("PRAGMA journal_mode = WAL")
                    sqlite.setBusyTimeout(seconds: 60)
                    verifier.startSQLiteSide(path: output.temporaryPath)
                }
                if let rejects, case let .skip(path) = options.onError, rejects.count > 0 {
                    notes.append("\(rejects.count) rows left out (--on-error=skip), each with its reason, in \(path)")
                }
            }
            // CREATE INDEX sorts in memory up to the cache size, besides the cache itself; a
            // small cache is as fast for these sequential builds and keeps the peak down.
            try sqlite.execute("PRAGMA cache_size = -8192")
            for (sql, object) in afterData {
                do {
                    try sqlite.execute(sql)
                } catch where !options.dataOnly {
                    // A translation SQLite refuses is left out; the file's own objects must come back.
                    notes.append("\(object) not carried over: SQLite refused its translation: \(error)")
                }
            }
            let views = try ViewCheck.keepReadableViews(in: sqlite, notes: &notes)
            try checkForeignKeys(sqlite, mappings: mappings, notes: &notes)
            if let verifier {
                onEvent(.verifying)
                let report = try verifier.finish(postgres: postgres, sqlite: sqlite, reports: reports)
                guard report.isEqual else { throw ConversionError.verificationFailed(report) }
                verification = report
            }
            notes += untranslatedSchemaNotes(schema)
            try metadata(recording: schema, sqliteViews: views, reports: reports, verification: verification,
                         postgres: postgres, started: started).write(to: sqlite)
            notes.forEach { onEvent(.note($0)) }
            try Self.leaveWALMode(sqlite)
        } catch {
            verifier?.abandon()
            rejects?.discard()
            output.discard()
            throw error
        }
        try postgres.execute("COMMIT")
        try output.commit()
        try rejects?.commit()
        return ConversionReport(destination: destination, tables: reports, notes: notes,
                                verification: verification, seconds: Date().timeIntervalSince(started))
    }

    /// Back to a rollback journal, with everything in the WAL written into the file itself:
    /// the file is renamed alone, so nothing may stay in a `-wal` file beside it. SQLite
    /// answers the mode it is in, which stays `wal` while another connection has the file open.
    private static func leaveWALMode(_ sqlite: SQLiteConnection) throws {
        let mode = try sqlite.query("PRAGMA journal_mode = DELETE")
        guard mode == [[.text("delete")]] else {
            throw ConversionError.walStillOpen(mode.first.map { $0.map(RowKey.text).joined() } ?? "")
        }
    }

    /// The data came from one snapshot, so every reference must resolve; a dangling one
    /// means the conversion changed a key — unless `--where` left the referenced rows out,
    /// which a note then counts.
    private func checkForeignKeys(_ sqlite: SQLiteConnection, mappings: [TableMapping], notes: inout [String]) throws {
        let proof = ReferenceProof(mappings: mappings)
        var violations: [[SQLiteValue]] = []
        for mapping in mappings where !mapping.table.foreignKeys.isEmpty {
            if options.verify, options.selection.rowFilters.isEmpty, proof.verificationProves(mapping) { continue }
            violations += try sqlite.query("PRAGMA foreign_key_check(\(SQLiteConnection.quoteIdentifier(mapping.sqliteName)))")
        }
        guard let first = violations.first else { return }
        guard options.selection.rowFilters.isEmpty else {
            var counts: [String: Int] = [:]
            for row in violations { counts[RowKey.text(row[0]) + " → " + RowKey.text(row[2]), default: 0] += 1 }
            for (reference, count) in counts.sorted(by: { $0.key < $1.key }) {
                notes.append("\(count) rows of \(reference) reference rows that --where left out (PRAGMA foreign_key_check lists them)")
            }
            return
        }
        throw ConversionError.foreignKeyMismatch(
            count: violations.count, example: first.map(RowKey.text).joined(separator: " "))
    }

    /// Tables with their translated defaults and CHECKs (or, with `--data-only`, the file's
    /// own tables, checked empty); returns what comes after the data, with what it creates:
    /// indexes, triggers (which must not fire during the load) and views.
    private func prepareTables(_ schema: Schema, mappings: [TableMapping], sqlite: SQLiteConnection,
                               notes: inout [String]) throws -> [(sql: String, object: String)] {
        if options.dataOnly {
            return try DataOnlyLoad.prepare(sqlite, mappings: mappings, path: destination).map { ($0, $0) }
        }
        let translation = SchemaTranslator(schema: schema).translate(mappings)
        notes += translation.notes
        try createTables(translation, mappings: mappings, sqlite: sqlite, notes: &notes)
        return translation.afterData.map { ($0.sql, "\($0.kind.rawValue) \($0.object)") }
    }

    /// CREATE TABLE with the translated defaults and CHECKs; a table whose translated parts
    /// SQLite rejects is created without them, and a note says so.
    private func createTables(_ translation: SchemaTranslation, mappings: [TableMapping], sqlite: SQLiteConnection,
                              notes: inout [String]) throws {
        let writer = SQLiteSchemaWriter(sqliteNames: Dictionary(
            uniqueKeysWithValues: mappings.map { ($0.table.name, $0.sqliteName) }))
        for (mapping, table) in zip(mappings, translation.tables) {
            do {
                try sqlite.execute(table.sql)
            } catch {
                notes.append("defaults and CHECKs of \(mapping.table.name) not carried over: SQLite refused their translation: \(error)")
                try sqlite.execute(writer.createTable(mapping).sql)
            }
        }
    }

    /// Parts of the schema this version does not carry over, said out loud.
    private func untranslatedSchemaNotes(_ schema: Schema) -> [String] {
        let generated = schema.tables.filter { $0.partitionOf == nil }.flatMap(\.columns).filter { $0.generated != nil }.count
        guard generated > 0 else { return [] }
        return ["\(generated) generated columns are stored as plain values (SQLite does not recompute them)"]
    }
}
