import BifrostPostgres
import BifrostSchema

extension PostgresSchemaReader {
    /// Ordinary, partitioned and partition tables, with partitioning, inheritance and comments.
    func readTables(_ filter: String) throws -> [(oid: UInt32, table: Table)] {
        let result = try connection.query("""
            SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.reltuples,
                   CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                   CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
                   (SELECT json_agg(json_build_array(pn.nspname, p.relname) ORDER BY i.inhseqno)
                      FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                      JOIN pg_namespace pn ON pn.oid = p.relnamespace
                     WHERE i.inhrelid = c.oid),
                   obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname \(namespaceFilter)
            ORDER BY n.nspname, c.relname
            """, [filter])
        return try result.rows.map { row in
            let parents = try decode([[String]].self, row[8])?.map { QualifiedName(schema: $0[0], name: $0[1]) } ?? []
            let isPartition = row[7] != nil
            let table = Table(
                name: QualifiedName(schema: row[1]!, name: row[2]!),
                kind: row[3] == "p" ? .partitioned : .ordinary,
                persistence: row[4] == "u" ? .unlogged : row[4] == "t" ? .temporary : .permanent,
                partitionKey: row[6],
                partitionOf: isPartition ? parents.first : nil,
                partitionBound: row[7],
                inherits: isPartition ? [] : parents,
                columns: [],
                comment: row[9],
                estimatedRows: Double(row[5] ?? "") ?? -1)
            return (UInt32(row[0]!)!, table)
        }
    }

    /// Columns of every table read, in order, with type, default, identity, generation,
    /// collation and the sequence behind serial and identity columns.
    func readColumns(_ filter: String, types: TypeCatalog) throws -> [(UInt32, Column)] {
        let result = try connection.query("""
            SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod, format_type(a.atttypid, a.atttypmod),
                   a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                   CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,
                   pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname),
                   col_description(a.attrelid, a.attnum), a.attndims
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
              AND n.nspname \(namespaceFilter)
            ORDER BY a.attrelid, a.attnum
            """, [filter])
        return try result.rows.map { row in
            let type = try types.columnType(oid: UInt32(row[2]!)!, typmod: Int32(row[3]!)!, declaration: row[4]!,
                                            dimensions: Int(row[12]!)!)
            let sequence = row[10].map(Self.parseQualifiedName)
            let isGenerated = row[8] == "s"
            var identity: Column.Identity?
            if let generation = row[7], !generation.isEmpty {
                identity = Column.Identity(generation: generation == "a" ? .always : .byDefault, sequence: sequence)
            }
            let expression = expressions.parse(row[6])
            let column = Column(
                name: row[1]!, type: type, isNullable: row[5] == "f",
                defaultExpression: isGenerated ? nil : expression,
                identity: identity,
                generated: isGenerated ? expression : nil,
                collation: row[9],
                serialSequence: identity == nil ? sequence : nil,
                comment: row[11])
            return (UInt32(row[0]!)!, column)
        }
    }

    /// Splits `schema.name` as `pg_get_serial_sequence` prints it (parts quoted when needed).
    static func parseQualifiedName(_ text: String) -> QualifiedName {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if character == "\"" {
                if quoted, characters.first == "\"" {
                    current.append("\"")
                    characters.removeFirst()
                } else {
                    quoted.toggle()
                }
            } else if character == ".", !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.count >= 2 ? QualifiedName(schema: parts[0], name: parts[1]) : QualifiedName(schema: "", name: parts[0])
    }
}
