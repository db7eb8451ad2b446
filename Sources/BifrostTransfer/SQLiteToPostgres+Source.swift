import BifrostMapping
import BifrostSQLite
import BifrostSchema
import Foundation

/// What an import knows about a SQLite file's tables: the PostgreSQL model they came
/// from (from `_bifrost_metadata`), or one inferred from the declared SQLite types.
struct ImportSource {
    /// The PostgreSQL model to recreate.
    var schema: Schema
    /// The rules the file was written with (they decide each column's stored form).
    var rules: MappingRules
    /// `true` when the model came from the file's metadata; `false` when inferred.
    var fromMetadata: Bool
    /// What was inferred, for the user.
    var notes: [String]

    static let metadataTable = "_bifrost_metadata"

    /// `overrides` apply to files without metadata (a file `convert` wrote knows its types).
    static func read(_ sqlite: SQLiteConnection, overrides: [ImportTypeOverride] = []) throws -> ImportSource {
        if let source = try fromMetadata(sqlite) {
            guard overrides.isEmpty else {
                throw ImportError.typeOverride("--type is for SQLite files made elsewhere: this one was written by bifrost convert and records its PostgreSQL types")
            }
            return source
        }
        return try inferred(sqlite, overrides: overrides)
    }

    /// The source schema snapshot stored in `_bifrost_metadata`: whichever text value holds
    /// a `bifrost-schema` document; the mapping rules from a value whose key names the mapping.
    private static func fromMetadata(_ sqlite: SQLiteConnection) throws -> ImportSource? {
        let exists = try sqlite.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                                      [.text(metadataTable)])
        guard !exists.isEmpty else { return nil }
        var schema: Schema?
        var rules: MappingRules?
        for row in try sqlite.query("SELECT * FROM \(SQLiteConnection.quoteIdentifier(metadataTable))") {
            let texts = row.compactMap { value -> String? in
                if case let .text(text) = value { return text }
                if case let .blob(bytes) = value { return String(decoding: bytes, as: UTF8.self) }
                return nil
            }
            let key = texts.first ?? ""
            for text in texts.dropFirst() {
                if schema == nil, text.contains(SchemaSnapshot.format) {
                    schema = try? SchemaSnapshot.decode(Data(text.utf8))
                }
                if rules == nil, key.lowercased().contains("mapping"), text.contains("->"),
                   let parsed = try? MappingRules(parsing: text, origin: "\(metadataTable).\(key)") {
                    rules = MappingRules(rules: parsed.rules + MappingRules.defaultRules.rules)
                }
            }
        }
        guard let schema else { return nil }
        return ImportSource(schema: schema, rules: rules ?? .defaultRules, fromMetadata: true, notes: [])
    }

    /// How many rows a table holds, for progress: the count `convert` recorded in
    /// `_bifrost_tables` when there is one, else SQLite's own `count(*)`.
    static func rowCount(_ sqlite: SQLiteConnection, table: String) throws -> Double {
        let recorded = try sqlite.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                                        [.text(MetadataTables.tables)]).isEmpty ? [] : try sqlite.query("""
            SELECT "row_count" FROM \(SQLiteConnection.quoteIdentifier(MetadataTables.tables)) WHERE "sqlite_name" = ?1
            """, [.text(table)])
        if case let .integer(count)? = recorded.first?.first { return Double(count) }
        let counted = try sqlite.query("SELECT count(*) FROM \(SQLiteConnection.quoteIdentifier(table))")
        if case let .integer(count)? = counted.first?.first { return Double(count) }
        return -1
    }

    /// A model from the SQLite tables' declared types, by SQLite's affinity rules:
    /// INT → bigint, CHAR/CLOB/TEXT → text, BLOB → bytea, REAL/FLOA/DOUB → double precision,
    /// anything else → numeric; no declared type → from the stored values.
    private static func inferred(_ sqlite: SQLiteConnection, overrides: [ImportTypeOverride]) throws -> ImportSource {
        var tables: [Table] = []
        var notes: [String] = []
        var unused = overrides
        let names = try sqlite.query("""
            SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid
            """).compactMap { row -> String? in
            if case let .text(name) = row[0] { return name }
            return nil
        }
        for name in names {
            var columns: [Column] = []
            var keyed: [(Int64, String)] = []
            for info in try sqlite.query("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1)", [.text(name)]) {
                guard case let .text(column) = info[0] else { continue }
                let declared: String = if case let .text(type) = info[1] { type } else { "" }
                let override = unused.firstIndex { $0.table == name && $0.column == column }.map { unused.remove(at: $0) }
                let (type, oid, postgres) = try override?.type ?? (declared.isEmpty
                    ? inferType(storedClasses: storedClasses(sqlite, table: name, column: column))
                    : inferType(declared))
                var isNullable = true
                if case let .integer(flag) = info[2], flag != 0 { isNullable = false }
                if case let .integer(position) = info[3], position > 0 {
                    keyed.append((position, column))
                    isNullable = false
                }
                columns.append(Column(name: column, type: ColumnType(
                    declaration: postgres, typmod: -1,
                    type: TypeReference(oid: oid, schema: "pg_catalog", name: type, kind: .base)), isNullable: isNullable))
                let origin = override != nil ? "given by --type or --mapping"
                    : declared.isEmpty ? "declared without a type (inferred from its values)" : "declared \(declared)"
                notes.append("\(name).\(column): \(origin) → \(postgres)")
            }
            let key = keyed.isEmpty ? nil
                : KeyConstraint(name: "\(name)_pkey", columns: keyed.sorted { $0.0 < $1.0 }.map(\.1))
            tables.append(Table(name: QualifiedName(schema: "main", name: name), columns: columns, primaryKey: key))
        }
        if let first = unused.first {
            throw ImportError.typeOverride("--type \(first.table).\(first.column): the file has no such column")
        }
        let schema = Schema(source: SchemaSource(dialect: .sqlite, version: SQLiteConnection.libraryVersion),
                            namespaces: ["main"], tables: tables)
        return ImportSource(schema: schema, rules: .defaultRules, fromMetadata: false, notes: notes)
    }

    /// The storage classes a column's values use (`integer`, `real`, `text`, `blob`).
    private static func storedClasses(_ sqlite: SQLiteConnection, table: String, column: String) throws -> Set<String> {
        let sql = "SELECT DISTINCT typeof(\(SQLiteConnection.quoteIdentifier(column))) FROM \(SQLiteConnection.quoteIdentifier(table))"
        return Set(try sqlite.query(sql).compactMap { row -> String? in
            if case let .text(storageClass) = row[0], storageClass != "null" { return storageClass }
            return nil
        })
    }

    /// `(pg_type name, OID, declaration)` for a column declared without a type, from the
    /// storage classes of its values: only integers → bigint, numbers → double precision
    /// (a REAL is a double), only blobs → bytea, anything else (or nothing) → text.
    static func inferType(storedClasses classes: Set<String>) -> (String, UInt32, String) {
        if classes == ["integer"] { return ("int8", 20, "bigint") }
        if !classes.isEmpty, classes.isSubset(of: ["integer", "real"]) { return ("float8", 701, "double precision") }
        if classes == ["blob"] { return ("bytea", 17, "bytea") }
        return ("text", 25, "text")
    }

    /// `(pg_type name, OID, declaration)` for a SQLite declared type.
    static func inferType(_ declared: String) -> (String, UInt32, String) {
        let upper = declared.uppercased()
        if upper.contains("INT") { return ("int8", 20, "bigint") }
        if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") || upper.isEmpty {
            return ("text", 25, "text")
        }
        if upper.contains("BLOB") { return ("bytea", 17, "bytea") }
        if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") {
            return ("float8", 701, "double precision")
        }
        return ("numeric", 1700, "numeric")
    }
}
