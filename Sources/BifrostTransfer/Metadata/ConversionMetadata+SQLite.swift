import BifrostSQLite
import BifrostSchema
import Foundation

extension ConversionMetadata {
    private static var quotedMetadata: String { SQLiteConnection.quoteIdentifier(MetadataTables.metadata) }
    private static var quotedTables: String { SQLiteConnection.quoteIdentifier(MetadataTables.tables) }

    /// Creates both metadata tables and fills them, every value bound, in one transaction.
    func write(to sqlite: SQLiteConnection) throws {
        try sqlite.transaction {
            try sqlite.execute("""
                CREATE TABLE \(Self.quotedMetadata) ("key" TEXT PRIMARY KEY NOT NULL, "value" TEXT);
                CREATE TABLE \(Self.quotedTables) (
                  "sqlite_name" TEXT PRIMARY KEY NOT NULL,
                  "source_schema" TEXT NOT NULL,
                  "source_name" TEXT NOT NULL,
                  "row_count" INTEGER,
                  "checksum" TEXT,
                  "row_filter" TEXT
                )
                """)
            let values: [(Key, String)] = [
                (.metadataVersion, Self.layoutVersion),
                (.bifrostVersion, bifrostVersion),
                (.sourceServerVersion, sourceServerVersion),
                (.sourceNamespace, sourceNamespace),
                (.sourceSchema, try SchemaSnapshot.encode(sourceSchema)),
                (.mappingRules, mappingRules),
                (.convertedAt, Self.timestamp(convertedAt)),
                (.content, content.rawValue),
            ]
            let insert = try sqlite.prepare("INSERT INTO \(Self.quotedMetadata) (\"key\", \"value\") VALUES (?1, ?2)")
            for (key, value) in values {
                try insert.run([.text(key.rawValue), .text(value)])
            }
            let table = try sqlite.prepare("""
                INSERT INTO \(Self.quotedTables) ("sqlite_name", "source_schema", "source_name", "row_count", "checksum",
                                                  "row_filter")
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """)
            for record in tables {
                try table.run([.text(record.sqliteName), .text(record.source.schema), .text(record.source.name),
                               record.rows.map { .integer(Int64($0)) } ?? .null,
                               record.checksum.map { .text($0) } ?? .null, record.rowFilter.map { .text($0) } ?? .null])
            }
        }
    }

    /// The metadata of a file `convert` wrote; `nil` for a file without `_bifrost_metadata`.
    public static func read(from sqlite: SQLiteConnection) throws -> ConversionMetadata? {
        let present = try sqlite.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN (?1, ?2)",
                                       [.text(MetadataTables.metadata), .text(MetadataTables.tables)])
        guard present.contains([.text(MetadataTables.metadata)]) else { return nil }
        var values: [String: String] = [:]
        for row in try sqlite.query("SELECT \"key\", \"value\" FROM \(quotedMetadata)") {
            if case let .text(key) = row[0], case let .text(value) = row[1] { values[key] = value }
        }
        func required(_ key: Key) throws -> String {
            guard let value = values[key.rawValue] else {
                throw MetadataError("\(MetadataTables.metadata) has no \(key.rawValue)")
            }
            return value
        }
        guard let content = Content(rawValue: try required(.content)) else {
            throw MetadataError("\(MetadataTables.metadata).content is \(values[Key.content.rawValue] ?? ""), expected schema and data or schema only")
        }
        var records: [TableRecord] = []
        if present.contains([.text(MetadataTables.tables)]) {
            // Files from before --where have no row_filter column.
            let hasFilters = try sqlite.query("SELECT 1 FROM pragma_table_info(?1) WHERE name = 'row_filter'",
                                              [.text(MetadataTables.tables)]).isEmpty == false
            for row in try sqlite.query("""
                SELECT "sqlite_name", "source_schema", "source_name", "row_count", "checksum", \(hasFilters ? "\"row_filter\"" : "NULL")
                FROM \(quotedTables) ORDER BY rowid
                """) {
                guard case let .text(sqliteName) = row[0], case let .text(schema) = row[1], case let .text(name) = row[2] else { continue }
                let rows: Int? = if case let .integer(count) = row[3] { Int(count) } else { nil }
                let checksum: String? = if case let .text(sum) = row[4] { sum } else { nil }
                let filter: String? = if case let .text(condition) = row[5] { condition } else { nil }
                records.append(TableRecord(source: QualifiedName(schema: schema, name: name), sqliteName: sqliteName,
                                           rows: rows, checksum: checksum, rowFilter: filter))
            }
        }
        return ConversionMetadata(
            bifrostVersion: try required(.bifrostVersion),
            sourceServerVersion: try required(.sourceServerVersion),
            sourceNamespace: try required(.sourceNamespace),
            sourceSchema: try SchemaSnapshot.decode(Data(try required(.sourceSchema).utf8)),
            mappingRules: try required(.mappingRules),
            convertedAt: date(try required(.convertedAt)) ?? Date(timeIntervalSince1970: 0),
            content: content,
            tables: records)
    }
}
