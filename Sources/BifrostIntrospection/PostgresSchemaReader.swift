import BifrostPostgres
import BifrostSchema
import Foundation

/// Reads tables, columns and key constraints from `pg_catalog` with a fixed number of
/// queries, whatever the number of tables.
///
/// Run it inside the transaction whose snapshot the data will be read from, so that the
/// schema and the rows agree.
public struct PostgresSchemaReader {
    private let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Reads the ordinary and partitioned tables of the given schemas (partitions are read
    /// through their parent, not on their own).
    public func read(schemas: [String]) throws -> Schema {
        let types = try TypeCatalog(connection: connection)
        let schemaList = try jsonArray(schemas)
        var tables = try readTables(schemaList)
        let byOID = Dictionary(uniqueKeysWithValues: tables.enumerated().map { ($1.oid, $0) })
        try readColumns(schemaList, types: types) { oid, column in
            if let index = byOID[oid] { tables[index].table.columns.append(column) }
        }
        try readConstraints(schemaList) { oid, constraint in
            guard let index = byOID[oid] else { return }
            switch constraint {
            case let .primaryKey(key): tables[index].table.primaryKey = key
            case let .unique(key): tables[index].table.uniqueConstraints.append(key)
            case let .foreignKey(key): tables[index].table.foreignKeys.append(key)
            }
        }
        return Schema(tables: tables.map(\.table))
    }

    // MARK: - Tables

    private func readTables(_ schemaList: String) throws -> [(oid: UInt32, table: Table)] {
        let result = try connection.query("""
            SELECT c.oid, n.nspname, c.relname, c.reltuples
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname IN (SELECT json_array_elements_text($1::json))
            ORDER BY n.nspname, c.relname
            """, [schemaList])
        return result.rows.map { row in
            let table = Table(name: QualifiedName(schema: row[1]!, name: row[2]!), columns: [],
                              estimatedRows: Double(row[3] ?? "") ?? -1)
            return (UInt32(row[0]!)!, table)
        }
    }

    // MARK: - Columns

    private func readColumns(
        _ schemaList: String, types: TypeCatalog, add: (UInt32, Column) -> Void
    ) throws {
        let result = try connection.query("""
            SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod,
                   format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   pg_get_expr(d.adbin, d.adrelid), a.attidentity
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND a.attnum > 0 AND NOT a.attisdropped
              AND n.nspname IN (SELECT json_array_elements_text($1::json))
            ORDER BY a.attrelid, a.attnum
            """, [schemaList])
        for row in result.rows {
            let type = try types.columnType(oid: UInt32(row[2]!)!, typmod: Int32(row[3]!)!,
                                            declaration: row[4]!)
            let identity: Column.Identity? = switch row[7] {
            case "a": .always
            case "d": .byDefault
            default: nil
            }
            add(UInt32(row[0]!)!, Column(name: row[1]!, type: type, isNullable: row[5] == "f",
                                         defaultExpression: row[6], identity: identity))
        }
    }

    // MARK: - Constraints

    private enum Constraint {
        case primaryKey(KeyConstraint)
        case unique(KeyConstraint)
        case foreignKey(ForeignKey)
    }

    private func readConstraints(_ schemaList: String, add: (UInt32, Constraint) -> Void) throws {
        let result = try connection.query("""
            SELECT con.conrelid, con.conname, con.contype,
                   (SELECT json_agg(a.attname ORDER BY k.ord)
                      FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num),
                   fn.nspname, fc.relname,
                   (SELECT json_agg(a.attname ORDER BY k.ord)
                      FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num),
                   con.confupdtype, con.confdeltype, con.condeferrable, con.condeferred
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE con.contype IN ('p', 'u', 'f') AND con.conparentid = 0
              AND n.nspname IN (SELECT json_array_elements_text($1::json))
            ORDER BY con.conrelid, con.conname
            """, [schemaList])
        for row in result.rows {
            let oid = UInt32(row[0]!)!
            let name = row[1]!
            let columns = try decodeNames(row[3])
            switch row[2] {
            case "p": add(oid, .primaryKey(KeyConstraint(name: name, columns: columns)))
            case "u": add(oid, .unique(KeyConstraint(name: name, columns: columns)))
            default:
                add(oid, .foreignKey(ForeignKey(
                    name: name, columns: columns,
                    referencedTable: QualifiedName(schema: row[4]!, name: row[5]!),
                    referencedColumns: try decodeNames(row[6]),
                    onUpdate: Self.action(row[7]), onDelete: Self.action(row[8]),
                    isDeferrable: row[9] == "t", isInitiallyDeferred: row[10] == "t")))
            }
        }
    }

    private static func action(_ code: String?) -> ForeignKey.Action {
        switch code {
        case "r": .restrict
        case "c": .cascade
        case "n": .setNull
        case "d": .setDefault
        default: .noAction
        }
    }

    private func decodeNames(_ json: String?) throws -> [String] {
        guard let json else { return [] }
        return try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }

    private func jsonArray(_ names: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(names), as: UTF8.self)
    }
}
