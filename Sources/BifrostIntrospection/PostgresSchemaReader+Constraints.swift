import BifrostPostgres
import BifrostSchema

/// One constraint read from `pg_constraint`, ready to be put on its table.
enum TableConstraint {
    case primaryKey(KeyConstraint)
    case unique(KeyConstraint)
    case foreignKey(ForeignKey)
    case check(CheckConstraint)
    case exclusion(ExclusionConstraint)

    func apply(to table: inout Table) {
        switch self {
        case let .primaryKey(key): table.primaryKey = key
        case let .unique(key): table.uniqueConstraints.append(key)
        case let .foreignKey(key): table.foreignKeys.append(key)
        case let .check(check): table.checks.append(check)
        case let .exclusion(exclusion): table.exclusions.append(exclusion)
        }
    }
}

extension PostgresSchemaReader {
    /// The constraints each table declares itself (not those a partition or child inherits).
    func readConstraints(_ filter: String) throws -> [(UInt32, TableConstraint)] {
        let result = try connection.query("""
            SELECT con.conrelid, con.conname, con.contype,
                   (SELECT json_agg(a.attname ORDER BY k.ord)
                      FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num),
                   fn.nspname, fc.relname,
                   (SELECT json_agg(a.attname ORDER BY k.ord)
                      FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num),
                   con.confupdtype, con.confdeltype, con.confmatchtype, con.condeferrable, con.condeferred,
                   CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END,
                   CASE WHEN con.contype = 'x' THEN pg_get_constraintdef(con.oid) END,
                   con.convalidated, COALESCE(ix.indnullsnotdistinct, false),
                   obj_description(con.oid, 'pg_constraint')
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            LEFT JOIN pg_index ix ON ix.indexrelid = con.conindid AND con.contype IN ('p', 'u')
            WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conislocal AND con.conparentid = 0
              AND n.nspname \(namespaceFilter)
            ORDER BY con.conrelid, con.conname
            """, [filter])
        return try result.rows.map { row in
            let name = row[1]!
            let columns = try decode([String].self, row[3]) ?? []
            let deferrable = row[10] == "t"
            let deferred = row[11] == "t"
            let comment = row[16]
            let constraint: TableConstraint
            switch row[2] {
            case "p", "u":
                let key = KeyConstraint(name: name, columns: columns, isDeferrable: deferrable,
                                        isInitiallyDeferred: deferred, nullsNotDistinct: row[15] == "t", comment: comment)
                constraint = row[2] == "p" ? .primaryKey(key) : .unique(key)
            case "f":
                constraint = .foreignKey(ForeignKey(
                    name: name, columns: columns,
                    referencedTable: QualifiedName(schema: row[4]!, name: row[5]!),
                    referencedColumns: try decode([String].self, row[6]) ?? [],
                    onUpdate: Self.action(row[7]), onDelete: Self.action(row[8]),
                    match: row[9] == "f" ? .full : row[9] == "p" ? .partial : .simple,
                    isDeferrable: deferrable, isInitiallyDeferred: deferred, comment: comment))
            case "c":
                constraint = .check(CheckConstraint(name: name, expression: expressions.parse(row[12])!,
                                                    isValidated: row[14] == "t", comment: comment))
            default:
                constraint = .exclusion(ExclusionConstraint(name: name, definition: row[13]!, comment: comment))
            }
            return (UInt32(row[0]!)!, constraint)
        }
    }

    static func action(_ code: String?) -> ForeignKey.Action {
        switch code {
        case "r": .restrict
        case "c": .cascade
        case "n": .setNull
        case "d": .setDefault
        default: .noAction
        }
    }
}
