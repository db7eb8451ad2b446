import BifrostIntrospection
import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import Foundation

/// Checks that a SQLite file holds exactly the rows of a PostgreSQL schema, table by table:
/// row counts, and content checksums computed independently on each side (PostgreSQL's
/// text output reduced to a canonical form, against the stored SQLite values).
public struct Verification {
    public let source: ConnectionString
    public let sqlitePath: String
    public let options: PostgresToSQLite.Options
    public let maxDifferences: Int

    public init(source: ConnectionString, sqlitePath: String, options: PostgresToSQLite.Options = .init(),
                maxDifferences: Int = 10) {
        self.source = source
        self.sqlitePath = sqlitePath
        self.options = options
        self.maxDifferences = maxDifferences
    }

    public func run() throws -> VerificationReport {
        let postgres = try PostgresConnection(source)
        try postgres.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        defer { _ = try? postgres.execute("COMMIT") }
        let schema = try PostgresSchemaReader(connection: postgres).read(schemas: [options.schema])
        let sqlite = try SQLiteConnection(path: sqlitePath, mode: .readOnly)
        let metadata = try ConversionMetadata.read(from: sqlite)
        if metadata?.content == .schemaOnly { throw VerificationError.schemaOnly(sqlitePath) }
        let selection = options.selection.isEverything ? Self.recordedSelection(metadata, schema) : options.selection
        let mappings = try Self.plan(try selection.apply(to: schema), rules: options.rules, selection: selection)
        return try Self.verify(mappings, postgres: postgres, sqlite: sqlite, maxDifferences: maxDifferences)
    }

    /// The tables a file's metadata says were converted (those PostgreSQL still has; a table
    /// it no longer has is reported missing by the comparison of the rest) with the `--where`
    /// conditions they were read with, or every table.
    static func recordedSelection(_ metadata: ConversionMetadata?, _ schema: Schema) -> TableSelection {
        guard let metadata, !metadata.tables.isEmpty else { return .all }
        let existing = Set(schema.tables.map(\.name))
        let recorded = metadata.tables.filter { existing.contains($0.source) }
        guard !recorded.isEmpty else { return .all }
        return TableSelection(included: recorded.map(\.source.description),
                              rowFilters: recorded.compactMap { record in
                                  record.rowFilter.map { RowFilter(table: record.source.description, condition: $0) }
                              })
    }

    /// The table mappings a conversion of `schema` uses: one per table that is not a partition,
    /// reading the rows `selection`'s `--where` conditions take.
    static func plan(_ schema: Schema, rules: MappingRules, selection: TableSelection = .all) throws -> [TableMapping] {
        let planner = MappingPlanner(rules: rules)
        return try schema.tables.filter { $0.partitionOf == nil }.map { table in
            var mapping = try planner.plan(table, sqliteName: table.name.name)
            mapping.rowFilter = selection.rowFilter(for: table.name)
            return mapping
        }
    }

    /// `rejectedRows` (by SQLite table name) were left out on purpose: the source side alone
    /// has them. `sqliteSides`, when given, is SQLite's side of every mapping, started earlier
    /// by `sqliteSides(of:path:)`; otherwise it is computed here, alongside PostgreSQL's.
    static func verify(_ mappings: [TableMapping], postgres: PostgresConnection, sqlite: SQLiteConnection,
                       maxDifferences: Int, rejectedRows: [String: Int] = [:],
                       sqliteSides: BackgroundTask<[SideChecksum]>? = nil) throws -> VerificationReport {
        let existing = Set(try sqlite.query("SELECT name FROM sqlite_schema WHERE type = 'table'").compactMap { row -> String? in
            if case let .text(name) = row[0] { return name }
            return nil
        })
        var report = VerificationReport()
        report.missingTables = mappings.filter { !existing.contains($0.sqliteName) }.map(\.table.name)
        let tables = mappings.filter { existing.contains($0.sqliteName) }
        precondition(sqliteSides == nil || tables.count == mappings.count, "SQLite sides computed for tables the file lacks")
        // Each side of every table on its own thread and connection; then the reports, which
        // read both sides again (in key order) only for tables whose checksums differ.
        let postgresSides = BackgroundTask { try tables.map { try TableChecksum.postgres($0, postgres) } }
        let sqliteResult = Result { try sqliteSides?.wait() ?? tables.map { try TableChecksum.sqlite($0, sqlite) } }
        let postgresResult = Result { try postgresSides.wait() }
        let (postgresChecksums, sqliteChecksums) = (try postgresResult.get(), try sqliteResult.get())
        for (index, mapping) in tables.enumerated() {
            report.tables.append(try TableVerification(mapping: mapping, postgres: postgres, sqlite: sqlite,
                                                       maxDifferences: maxDifferences)
                .report(postgresSide: postgresChecksums[index], sqliteSide: sqliteChecksums[index],
                        rejectedRows: rejectedRows[mapping.sqliteName] ?? 0))
        }
        return report
    }

    /// SQLite's side of every mapping, computed on a thread and read-only connection of its
    /// own, so it can run while the caller keeps PostgreSQL busy with something else.
    static func sqliteSides(of mappings: [TableMapping], path: String) -> BackgroundTask<[SideChecksum]> {
        BackgroundTask {
            let connection = try SQLiteConnection(path: path, mode: .readOnly)
            return try mappings.map { try TableChecksum.sqlite($0, connection) }
        }
    }
}

/// The outcome of a verification.
public struct VerificationReport: Sendable, Codable {
    public var tables: [TableVerificationReport] = []
    /// PostgreSQL tables with no table in the SQLite file.
    public var missingTables: [QualifiedName] = []

    public var isEqual: Bool { missingTables.isEmpty && tables.allSatisfy(\.isEqual) }

    /// A line per table, then the differences, for people.
    public var summary: String {
        var lines: [String] = []
        for table in tables {
            let state = table.isEqual ? "equal" : "DIFFERENT"
            lines.append("  \(table.sqliteName.padding(toLength: max(28, table.sqliteName.count), withPad: " ", startingAt: 0)) \(table.postgresRows) / \(table.sqliteRows) rows  checksum \(table.postgresChecksum) / \(table.sqliteChecksum)  \(state)")
            lines += table.differences.map { "    \($0)" }
            if table.differingRows > table.differences.count {
                lines.append("    … \(table.differingRows - table.differences.count) more differing rows (raise --max-diffs to see them)")
            }
        }
        lines += missingTables.map { "  \($0): missing from the SQLite file" }
        return lines.joined(separator: "\n")
    }
}

/// Why a verification could not be carried out.
public enum VerificationError: Error, Sendable, CustomStringConvertible {
    case unsupportedCodec(String, column: String)
    case schemaOnly(String)

    public var description: String {
        switch self {
        case let .schemaOnly(path):
            "\(path) was converted with --schema-only: it holds no rows to compare"
        case let .unsupportedCodec(codec, column):
            "cannot verify column \(column): codec \(codec) has no canonical form"
        }
    }
}
