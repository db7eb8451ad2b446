import BifrostPostgres
import BifrostSchema

extension PostgresSchemaReader {
    func readExtensions() throws -> [Extension] {
        try connection.execute("""
            SELECT e.extname, e.extversion, n.nspname FROM pg_extension e
            JOIN pg_namespace n ON n.oid = e.extnamespace ORDER BY e.extname
            """).rows.map { Extension(name: $0[0]!, version: $0[1]!, schema: $0[2]!) }
    }

    /// Views and materialized views with their queries and column names.
    func readViews(_ filter: String) throws -> [View] {
        try connection.query("""
            SELECT n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true),
                   (SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
                     WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                   obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('v', 'm') AND n.nspname \(namespaceFilter)
            ORDER BY n.nspname, c.relname
            """, [filter]).rows.map { row in
            View(name: QualifiedName(schema: row[0]!, name: row[1]!), isMaterialized: row[2] == "t",
                 definition: row[3]!, columns: try decode([String].self, row[4]) ?? [], comment: row[5])
        }
    }

    /// Sequences with their settings, current position and owning column.
    func readSequences(_ filter: String) throws -> [Sequence] {
        try connection.query("""
            SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                   s.seqmin, s.seqmax, s.seqcache, s.seqcycle, ps.last_value,
                   tn.nspname, tc.relname, a.attname, obj_description(c.oid, 'pg_class')
            FROM pg_sequence s
            JOIN pg_class c ON c.oid = s.seqrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname
            LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
            LEFT JOIN pg_class tc ON tc.oid = d.refobjid
            LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
            WHERE n.nspname \(namespaceFilter)
            ORDER BY n.nspname, c.relname
            """, [filter]).rows.map { row in
            let owner = row[10].flatMap { schema in
                row[11].flatMap { table in
                    row[12].map { ColumnReference(table: QualifiedName(schema: schema, name: table), column: $0) }
                }
            }
            return Sequence(
                name: QualifiedName(schema: row[0]!, name: row[1]!), dataType: row[2]!,
                start: Int64(row[3]!)!, increment: Int64(row[4]!)!, minValue: Int64(row[5]!)!,
                maxValue: Int64(row[6]!)!, cache: Int64(row[7]!)!, cycles: row[8] == "t",
                lastValue: row[9].flatMap { Int64($0) }, ownedBy: owner, comment: row[13])
        }
    }

    /// Functions and procedures (not aggregates, not members of extensions) with their source.
    func readFunctions(_ filter: String) throws -> [Function] {
        try connection.query("""
            SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
                   COALESCE(pg_get_function_result(p.oid), ''), l.lanname, p.prokind = 'p', p.prosrc,
                   pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc')
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            JOIN pg_language l ON l.oid = p.prolang
            WHERE p.prokind IN ('f', 'p') AND n.nspname \(namespaceFilter)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                              AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY n.nspname, p.proname, 3
            """, [filter]).rows.map { row in
            Function(name: QualifiedName(schema: row[0]!, name: row[1]!), arguments: row[2]!, returns: row[3]!,
                     language: row[4]!, isProcedure: row[5] == "t", body: row[6]!, definition: row[7]!,
                     comment: row[8])
        }
    }

    /// Enums, domains (with their checks) and standalone composite types.
    func readTypes(_ filter: String) throws -> [UserType] {
        let rows = try connection.query("""
            SELECT n.nspname, t.typname, t.typtype,
                   (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),
                   format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,
                   (SELECT json_agg(json_build_array(c.conname, pg_get_expr(c.conbin, 0), c.convalidated) ORDER BY c.conname)
                      FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c'),
                   (SELECT json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
                      FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped),
                   obj_description(t.oid, 'pg_type')
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            LEFT JOIN pg_class r ON r.oid = t.typrelid
            WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND r.relkind = 'c'))
              AND n.nspname \(namespaceFilter)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                              AND d.objid = t.oid AND d.deptype = 'e')
            ORDER BY n.nspname, t.typname
            """, [filter]).rows
        return try rows.map { row in
            let definition: UserType.Definition
            switch row[2] {
            case "e":
                definition = .enumeration(labels: try decode([String].self, row[3]) ?? [])
            case "d":
                let checks = try decode([[JSONValue]].self, row[7]) ?? []
                definition = .domain(
                    baseType: row[4]!, isNotNull: row[5] == "t", defaultExpression: expressions.parse(row[6]),
                    checks: checks.compactMap { check in
                        guard case let .string(name) = check[0], case let .string(sql) = check[1] else { return nil }
                        return CheckConstraint(name: name, expression: expressions.parse(sql)!,
                                               isValidated: check[2] != .bool(false))
                    })
            default:
                let attributes = try decode([[String]].self, row[8]) ?? []
                definition = .composite(attributes: attributes.map { UserType.Attribute(name: $0[0], type: $0[1]) })
            }
            return UserType(name: QualifiedName(schema: row[0]!, name: row[1]!), definition: definition, comment: row[9])
        }
    }
}
