import BifrostIntrospection
import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import BifrostTestSupport
import BifrostTransfer
import Foundation
import Testing

/// The file explains itself: `_bifrost_metadata` and `_bifrost_tables` record where it came
/// from, how it was mapped, and what every table holds.
@Suite struct ConvertMetadataTests {
    @Test func theFixtureFileRecordsItsSourceMappingVersionsAndTables() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("authly.sqlite")
        let before = Date(timeIntervalSinceNow: -1)
        let report = try PostgresToSQLite(source: source, destination: path).run()
        let after = Date(timeIntervalSinceNow: 1)

        let sqlite = try SQLiteConnection(path: path, mode: .readOnly)
        let metadata = try #require(try ConversionMetadata.read(from: sqlite))
        let postgres = try PostgresConnection(source)
        let schema = try PostgresSchemaReader(connection: postgres).read(schemas: ["public"])

        #expect(metadata.sourceSchema == schema, "the snapshot decodes to the source model")
        #expect(metadata.bifrostVersion == Bifrost.version)
        #expect(try metadata.sourceServerVersion == postgres.execute("SHOW server_version").value(row: 0, column: 0))
        #expect(metadata.sourceNamespace == "public")
        #expect(metadata.content == .schemaAndData)
        #expect(metadata.convertedAt >= before && metadata.convertedAt <= after)
        let stamp = try sqlite.query("SELECT value FROM _bifrost_metadata WHERE key = 'converted_at'")
        guard case let .text(text)? = stamp.first?.first else { Issue.record("converted_at missing"); return }
        #expect(text.hasSuffix("Z") && text.count == 20, "UTC, ISO 8601: \(text)")

        let rules = try MappingRules(parsing: metadata.mappingRules, origin: "metadata")
        #expect(rules.rules.map(\.match) == MappingRules.defaultRules.rules.map(\.match))
        #expect(rules.rules.map(\.codec) == MappingRules.defaultRules.rules.map(\.codec))

        let verification = try #require(report.verification)
        #expect(metadata.tables.count == report.tables.count)
        for record in metadata.tables {
            let count = try postgres.execute("SELECT count(*) FROM \(PostgresConnection.quoteIdentifier(record.source.name))")
            #expect(record.rows == Int(count.value(row: 0, column: 0) ?? ""), "\(record.sqliteName) row count")
            let verified = try #require(verification.tables.first { $0.sqliteName == record.sqliteName })
            #expect(record.checksum == verified.postgresChecksum && record.checksum?.count == 16)
        }
        // Values written as values: the key column is the primary key, nothing is pasted into SQL.
        let keys = try sqlite.query("SELECT key FROM _bifrost_metadata ORDER BY key").compactMap { row -> String? in
            if case let .text(key) = row[0] { return key }
            return nil
        }
        #expect(Set(keys) == Set(ConversionMetadata.Key.allCases.map(\.rawValue)))
    }

    @Test func metadataTablesAreNotUserTablesForReadersComparisonsAndVerify() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("authly.sqlite")
        _ = try PostgresToSQLite(source: source, destination: path).run()

        let model = try SQLiteSchemaReader(connection: SQLiteConnection(path: path, mode: .readOnly)).read()
        #expect(!model.tables.contains { $0.name.name.hasPrefix("_bifrost") })
        #expect(model.notes.contains { $0.contains("_bifrost_metadata") && $0.contains("metadata") })

        let postgres = try PostgresSchemaReader(connection: PostgresConnection(source)).read(schemas: ["public"])
        let mappings = try postgres.tables.filter { $0.partitionOf == nil }
            .map { try MappingPlanner(rules: .defaultRules).plan($0, sqliteName: $0.name.name) }
        let differences = ConvertedSchemaComparison(postgres: postgres, sqlite: model, mappings: mappings).differences()
        #expect(!differences.contains { $0.object.contains("_bifrost") })

        let verification = try Verification(source: source, sqlitePath: path).run()
        #expect(verification.isEqual)
        #expect(!verification.tables.contains { $0.sqliteName.hasPrefix("_bifrost") })
    }

    @Test func withoutVerificationOnlyRowCountsAreRecordedAndUserRulesComeFirst() throws {
        let source = try SharedCluster.freshDatabase()
        try PostgresConnection(source).execute("""
            CREATE TABLE notes (id int PRIMARY KEY, body text, tags text[]);
            INSERT INTO notes VALUES (1, 'a', '{x}'), (2, 'b', NULL);
            """)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let rulesPath = directory.file("my.rules")
        try "column public.notes.tags -> text\n".write(toFile: rulesPath, atomically: true, encoding: .utf8)
        let options = PostgresToSQLite.Options(rules: try MappingRules.load(path: rulesPath), verify: false)
        let path = directory.file("notes.sqlite")
        _ = try PostgresToSQLite(source: source, destination: path, options: options).run()

        let metadata = try #require(try ConversionMetadata.read(from: SQLiteConnection(path: path, mode: .readOnly)))
        #expect(metadata.tables == [.init(source: QualifiedName(schema: "public", name: "notes"), sqliteName: "notes",
                                          rows: 2, checksum: nil)])
        #expect(metadata.mappingRules.hasPrefix("column public.notes.tags -> text  # \(rulesPath):1\n"))
        let reparsed = try MappingRules(parsing: metadata.mappingRules, origin: "metadata")
        #expect(reparsed.rules.count == MappingRules.defaultRules.rules.count + 1)
        #expect(try directory.contents() == ["my.rules", "notes.sqlite"], "no temporary file left")
    }
}
