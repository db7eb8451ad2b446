import BifrostSQLite
import BifrostSchema

/// What `sqlite_schema` and the pragmas say about the `main` database, read with a fixed
/// number of queries: each pragma is joined as a table-valued function with
/// `pragma_table_list`, whose type column tells ordinary tables from views, virtual tables
/// (which need their module to be described) and the shadow tables behind them.
struct SQLiteCatalog {
    /// A row of `sqlite_schema`.
    struct Entry {
        var type: String
        var name: String
        /// The table an index or trigger belongs to, as SQLite recorded it.
        var table: String
        var sql: String?
    }

    /// A row of `pragma_table_list`.
    struct Relation {
        var name: String
        /// `table`, `view`, `virtual` or `shadow`.
        var type: String
        var isWithoutRowid: Bool
        var isStrict: Bool
    }

    /// A row of `pragma_table_xinfo`.
    struct ColumnRow {
        var name: String
        var declaredType: String
        var isNotNull: Bool
        var defaultValue: String?
        /// The position in the primary key (1-based), 0 when not part of it.
        var primaryKeyPosition: Int
        /// 0 ordinary, 1 hidden (virtual tables), 2 generated VIRTUAL, 3 generated STORED.
        var hidden: Int
    }

    /// A row of `pragma_index_list` with its keys from `pragma_index_xinfo`.
    struct IndexRow {
        struct Key {
            /// The column number, -2 for an expression.
            var cid: Int
            var name: String?
            var isDescending: Bool
            var collation: String
        }

        var name: String
        var isUnique: Bool
        /// `c` CREATE INDEX, `u` UNIQUE constraint, `pk` PRIMARY KEY.
        var origin: String
        var isPartial: Bool
        var keys: [Key]
    }

    /// A row of `pragma_foreign_key_list`: one column pair of a foreign key.
    struct ForeignKeyRow {
        var id: Int
        var table: String
        var from: String
        var to: String?
        var onUpdate: String
        var onDelete: String
        var match: String
    }

    /// User objects (not `sqlite_%`), ordered by name.
    var entries: [Entry]
    /// Tables and views of `main`, internal ones included, ordered by name.
    var relations: [Relation]
    /// By table name: columns in order.
    var columns: [String: [ColumnRow]]
    /// By view name: column names in order; views SQLite cannot compile are missing.
    var viewColumns: [String: [String]]
    /// Views SQLite cannot compile, with its message.
    var brokenViews: [String: String]
    /// By table name: indexes in the order they were created, except that SQLite moves
    /// ON CONFLICT REPLACE ones last.
    var indexes: [String: [IndexRow]]
    /// By table name: foreign keys in the order declared, each its column pairs in order.
    var foreignKeys: [String: [[ForeignKeyRow]]]
    /// `sqlite_sequence`: the last AUTOINCREMENT value by table name.
    var sequenceValues: [String: Int64]
    private var sqlByName: [String: String] = [:]
    private var relationsByFoldedName: [String: Relation] = [:]

    /// Ordinary tables of `main` that are neither SQLite's own nor Bifrost's metadata, by name.
    var tableNames: [String] {
        relations.filter { $0.type == "table" && !Self.isInternal($0.name) && !MetadataTables.isMetadata($0.name) }.map(\.name)
    }

    /// Bifrost's metadata tables (`_bifrost_…`) present in the file, by name.
    var metadataTableNames: [String] {
        relations.filter { $0.type == "table" && MetadataTables.isMetadata($0.name) }.map(\.name)
    }

    /// SQLite reserves names starting with `sqlite_` (any case) for itself.
    static func isInternal(_ name: String) -> Bool {
        name.asciiCaseFolded.hasPrefix("sqlite_")
    }

    /// The filter on `pragma_table_list AS l` for user objects of one type in `main`.
    private static func relationFilter(_ type: String) -> String {
        #"l.schema = 'main' AND l.type = '\#(type)' AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'"#
    }

    init(connection: SQLiteConnection) throws {
        try Self.requirePragmaTableList()
        entries = try connection.query(#"""
            SELECT type, name, tbl_name, sql FROM main.sqlite_schema
            WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name
            """#).map { row in
            Entry(type: row[0].asText ?? "", name: row[1].asText ?? "", table: row[2].asText ?? "", sql: row[3].asText)
        }
        relations = try connection.query("""
            SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main' ORDER BY name
            """).map { row in
            Relation(name: row[0].asText ?? "", type: row[1].asText ?? "",
                     isWithoutRowid: row[2].asInteger == 1, isStrict: row[3].asInteger == 1)
        }
        for entry in entries {
            sqlByName[entry.name] = entry.sql
        }
        for relation in relations {
            relationsByFoldedName[relation.name.asciiCaseFolded] = relation
        }
        columns = [:]
        for row in try connection.query("""
            SELECT l.name, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
            FROM pragma_table_list AS l JOIN pragma_table_xinfo(l.name, 'main') AS c
            WHERE \(Self.relationFilter("table"))
            ORDER BY l.name, c.cid
            """) {
            columns[row[0].asText ?? "", default: []].append(ColumnRow(
                name: row[1].asText ?? "", declaredType: row[2].asText ?? "", isNotNull: row[3].asInteger == 1,
                defaultValue: row[4].asText, primaryKeyPosition: Int(row[5].asInteger ?? 0),
                hidden: Int(row[6].asInteger ?? 0)))
        }
        (viewColumns, brokenViews) = try Self.readViewColumns(connection)
        indexes = try Self.readIndexes(connection)
        foreignKeys = try Self.readForeignKeys(connection)
        sequenceValues = [:]
        if relations.contains(where: { $0.name == "sqlite_sequence" }) {
            for row in try connection.query("SELECT name, seq FROM main.sqlite_sequence") {
                if let name = row[0].asText, let value = row[1].asInteger { sequenceValues[name] = value }
            }
        }
    }

    /// `pragma_table_list` arrived in SQLite 3.37.0 (2021).
    private static func requirePragmaTableList() throws {
        let version = SQLiteConnection.libraryVersion
        let parts = version.split(separator: ".").compactMap { Int($0) }
        if parts.count >= 2, (parts[0], parts[1]) < (3, 37) {
            throw SQLiteError(extendedCode: 1, message: "reading a SQLite schema needs SQLite 3.37.0 or newer (pragma_table_list); this library is \(version)")
        }
    }

    /// Column names of every view. A view whose query no longer compiles (a table it reads
    /// was dropped, a function is missing) makes the joined query fail; then each view is
    /// asked on its own and the broken ones are reported.
    private static func readViewColumns(_ connection: SQLiteConnection) throws -> ([String: [String]], [String: String]) {
        var columns: [String: [String]] = [:]
        do {
            for row in try connection.query("""
                SELECT l.name, c.name FROM pragma_table_list AS l JOIN pragma_table_xinfo(l.name, 'main') AS c
                WHERE \(relationFilter("view")) ORDER BY l.name, c.cid
                """) {
                columns[row[0].asText ?? "", default: []].append(row[1].asText ?? "")
            }
            return (columns, [:])
        } catch is SQLiteError {
            columns = [:]
        }
        var broken: [String: String] = [:]
        let names = try connection.query("SELECT l.name FROM pragma_table_list AS l WHERE \(relationFilter("view"))")
            .compactMap { $0[0].asText }
        for name in names {
            do {
                columns[name] = try connection.query("SELECT name FROM pragma_table_xinfo(?1, 'main') ORDER BY cid",
                                                     [.text(name)]).map { $0[0].asText ?? "" }
            } catch let error as SQLiteError {
                broken[name] = error.message
            }
        }
        return (columns, broken)
    }

    private static func readIndexes(_ connection: SQLiteConnection) throws -> [String: [IndexRow]] {
        var indexes: [String: [IndexRow]] = [:]
        // pragma_index_list numbers the newest index 0: descending seq is creation order.
        for row in try connection.query("""
            SELECT l.name, i.name, i."unique", i.origin, i.partial, x.cid, x.name, x."desc", x.coll
            FROM pragma_table_list AS l
            JOIN pragma_index_list(l.name, 'main') AS i
            JOIN pragma_index_xinfo(i.name, 'main') AS x
            WHERE \(relationFilter("table")) AND x.key = 1
            ORDER BY l.name, i.seq DESC, x.seqno
            """) {
            let table = row[0].asText ?? ""
            let name = row[1].asText ?? ""
            let key = IndexRow.Key(cid: Int(row[5].asInteger ?? -2), name: row[6].asText,
                                   isDescending: row[7].asInteger == 1, collation: row[8].asText ?? "BINARY")
            if let last = indexes[table]?.indices.last, indexes[table]![last].name == name {
                indexes[table]![last].keys.append(key)
            } else {
                indexes[table, default: []].append(IndexRow(
                    name: name, isUnique: row[2].asInteger == 1, origin: row[3].asText ?? "c",
                    isPartial: row[4].asInteger == 1, keys: [key]))
            }
        }
        return indexes
    }

    private static func readForeignKeys(_ connection: SQLiteConnection) throws -> [String: [[ForeignKeyRow]]] {
        var keys: [String: [[ForeignKeyRow]]] = [:]
        // pragma_foreign_key_list numbers the last declared key 0: descending id is declaration order.
        for row in try connection.query("""
            SELECT l.name, f.id, f."table", f."from", f."to", f.on_update, f.on_delete, f."match"
            FROM pragma_table_list AS l JOIN pragma_foreign_key_list(l.name, 'main') AS f
            WHERE \(relationFilter("table"))
            ORDER BY l.name, f.id DESC, f.seq
            """) {
            let table = row[0].asText ?? ""
            let pair = ForeignKeyRow(
                id: Int(row[1].asInteger ?? 0), table: row[2].asText ?? "", from: row[3].asText ?? "",
                to: row[4].asText, onUpdate: row[5].asText ?? "", onDelete: row[6].asText ?? "",
                match: row[7].asText ?? "")
            if let last = keys[table]?.indices.last, keys[table]![last][0].id == pair.id {
                keys[table]![last].append(pair)
            } else {
                keys[table, default: []].append([pair])
            }
        }
        return keys
    }

    /// The SQL of an object of `sqlite_schema`.
    func sql(of name: String) -> String? {
        sqlByName[name]
    }

    /// A table or view, from a reference that may differ from its name in ASCII case.
    func relation(named reference: String) -> Relation? {
        relationsByFoldedName[reference.asciiCaseFolded]
    }

    /// The primary key columns of a table in key order.
    func primaryKeyColumns(of table: String) -> [String] {
        (columns[table] ?? []).filter { $0.primaryKeyPosition > 0 }
            .sorted { $0.primaryKeyPosition < $1.primaryKeyPosition }.map(\.name)
    }
}

private extension SQLiteValue {
    var asText: String? {
        if case let .text(text) = self { return text }
        return nil
    }

    var asInteger: Int64? {
        if case let .integer(number) = self { return number }
        return nil
    }
}
