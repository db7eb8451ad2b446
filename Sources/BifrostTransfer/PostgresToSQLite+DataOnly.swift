import BifrostMapping
import BifrostSQLite
import BifrostSchema
import Foundation

/// `convert --data-only`: rows loaded into a file `convert --schema-only` wrote earlier (its
/// tables, indexes, triggers and views kept as they are), the way `pg_restore --data-only`
/// fills a schema created before.
///
/// The file is copied to the temporary path and filled there, so the destination changes
/// only when everything succeeded. Indexes and triggers are set aside during the load (as
/// `--disable-triggers` does; triggers must not fire for copied rows) and created again
/// from their own SQL afterwards.
enum DataOnlyLoad {
    /// Copies `destination` to `temporaryPath`, owner-only.
    static func copy(_ destination: String, to temporaryPath: String) throws {
        guard FileManager.default.fileExists(atPath: destination) else {
            throw ConversionError.dataOnly("\(destination) does not exist: --data-only loads rows into a file written by convert --schema-only")
        }
        try? FileManager.default.removeItem(atPath: temporaryPath)
        try FileManager.default.copyItem(atPath: destination, toPath: temporaryPath)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporaryPath)
    }

    /// Checks that the file was written schema-only and has every table, empty; removes the
    /// metadata (written again at the end) and sets indexes and triggers aside. Returns the
    /// SQL that creates them again.
    static func prepare(_ sqlite: SQLiteConnection, mappings: [TableMapping], path: String) throws -> [String] {
        guard let metadata = try ConversionMetadata.read(from: sqlite) else {
            throw ConversionError.dataOnly("\(path) has no \(MetadataTables.metadata): --data-only needs a file written by convert --schema-only")
        }
        guard metadata.content == .schemaOnly else {
            throw ConversionError.dataOnly("\(path) already holds rows (\(metadata.content.rawValue)): convert without --data-only writes a new file")
        }
        for mapping in mappings {
            let name = SQLiteConnection.quoteIdentifier(mapping.sqliteName)
            guard let rows = try? sqlite.query("SELECT count(*) FROM \(name)"), rows == [[.integer(0)]] else {
                throw ConversionError.dataOnly("\(path) has no empty table \(mapping.sqliteName) for \(mapping.table.name): convert --schema-only it again from this schema")
            }
        }
        let setAside = try sqlite.query("""
            SELECT type, name, sql FROM sqlite_schema
            WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, rowid
            """).compactMap { row -> (type: String, name: String, sql: String)? in
            guard case let .text(type) = row[0], case let .text(name) = row[1], case let .text(sql) = row[2] else { return nil }
            return (type, name, sql)
        }
        for object in setAside {
            try sqlite.execute("DROP \(object.type.uppercased()) \(SQLiteConnection.quoteIdentifier(object.name))")
        }
        for table in [MetadataTables.metadata, MetadataTables.tables] {
            try sqlite.execute("DROP TABLE IF EXISTS \(SQLiteConnection.quoteIdentifier(table))")
        }
        return setAside.map(\.sql)
    }
}
