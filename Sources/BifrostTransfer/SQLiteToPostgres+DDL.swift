import BifrostSchema

/// PostgreSQL DDL rebuilt from a schema model, with the model's source schema moved to
/// the import's target schema. Expressions (defaults, CHECKs, predicates) are the model's
/// SQL as PostgreSQL printed it; they are run with `search_path` set to the target schema,
/// so their unqualified names resolve there.
struct PostgresDDL {
    let schema: Schema
    /// The namespace the model was read from.
    let source: String
    /// The namespace the tables are created in.
    let target: String

    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// An object name, moved to the target schema when it lived in the source schema.
    func name(_ name: QualifiedName) -> String {
        "\(Self.quote(name.schema == source ? target : name.schema)).\(Self.quote(name.name))"
    }

    /// The column's type: user types of the source schema by their name in the target
    /// schema, everything else as PostgreSQL spelled it.
    func typeName(_ type: ColumnType) -> String {
        if type.type.kind == .array, let element = type.element, element.type.schema == source {
            return name(QualifiedName(schema: target, name: element.type.name)) + "[]"
        }
        if type.type.schema == source {
            return name(QualifiedName(schema: target, name: type.type.name))
        }
        return type.declaration
    }

    /// Enums, then domains (which may be over enums). Composite types are not recreated.
    func createTypes() -> [String] {
        let enums = schema.types.compactMap { type -> String? in
            guard case let .enumeration(labels) = type.definition else { return nil }
            return "CREATE TYPE \(name(type.name)) AS ENUM (\(labels.map(Self.literal).joined(separator: ", ")))"
        }
        let domains = schema.types.compactMap { type -> String? in
            guard case let .domain(base, notNull, defaultExpression, checks) = type.definition else { return nil }
            var sql = "CREATE DOMAIN \(name(type.name)) AS \(base)"
            if notNull { sql += " NOT NULL" }
            if let defaultExpression { sql += " DEFAULT \(defaultExpression.sql)" }
            for check in checks {
                sql += " CONSTRAINT \(Self.quote(check.name)) CHECK (\(check.expression.sql))"
                if !check.isValidated { sql += " NOT VALID" }
            }
            return sql
        }
        return enums + domains
    }

    /// Sequences other than identity columns' (those come with their column).
    func createSequences() -> [String] {
        let identity = Set(schema.tables.flatMap(\.columns).compactMap { $0.identity?.sequence })
        return schema.sequences.filter { !identity.contains($0.name) }.map { sequence in
            "CREATE SEQUENCE \(name(sequence.name)) AS \(sequence.dataType)" + Self.sequenceOptions(sequence)
        }
    }

    static func sequenceOptions(_ sequence: BifrostSchema.Sequence) -> String {
        " INCREMENT BY \(sequence.increment) MINVALUE \(sequence.minValue) MAXVALUE \(sequence.maxValue)"
            + " START WITH \(sequence.start) CACHE \(sequence.cache)\(sequence.cycles ? " CYCLE" : "")"
    }

    /// Columns with types, collations, defaults, identity, generation, NOT NULL, and the
    /// validated CHECKs (tested row by row as COPY stores them, cheaper than a scan each
    /// afterwards). Keys, other constraints and indexes come after the data: an index built
    /// once from the loaded rows is much faster than one kept up row by row.
    func createTable(_ table: Table) -> String {
        var lines = table.columns.map { column -> String in
            var sql = "\(Self.quote(column.name)) \(typeName(column.type))"
            if let collation = column.collation {
                sql += " COLLATE \(collation.hasPrefix("\"") ? collation : Self.quote(collation))"
            }
            if let generated = column.generated {
                sql += " GENERATED ALWAYS AS (\(generated.sql)) STORED"
            } else if let identity = column.identity {
                sql += " GENERATED \(identity.generation == .always ? "ALWAYS" : "BY DEFAULT") AS IDENTITY"
                if let sequence = schema.sequences.first(where: { $0.name == identity.sequence }) {
                    sql += " (\(Self.sequenceOptions(sequence).dropFirst()))"
                }
            } else if let expression = column.defaultExpression {
                sql += " DEFAULT \(expression.sql)"
            }
            if !column.isNullable { sql += " NOT NULL" }
            return sql
        }
        lines += table.checks.filter(\.isValidated).map { "CONSTRAINT \(Self.quote($0.name)) CHECK (\($0.expression.sql))" }
        let unlogged = table.persistence == .unlogged ? "UNLOGGED " : ""
        var sql = "CREATE \(unlogged)TABLE \(name(table.name)) (\n  \(lines.joined(separator: ",\n  "))\n)"
        // Inherited columns are listed too; PostgreSQL merges them with the parent's.
        if !table.inherits.isEmpty { sql += " INHERITS (\(table.inherits.map(name).joined(separator: ", ")))" }
        if let key = table.partitionKey { sql += " PARTITION BY \(key)" }
        return sql
    }

    /// A partition of a table created before it (its columns come from the parent; its
    /// rows arrive through the parent's COPY, routed by PostgreSQL).
    func createPartition(_ table: Table) -> String? {
        guard let parent = table.partitionOf, let bound = table.partitionBound else { return nil }
        var sql = "CREATE TABLE \(name(table.name)) PARTITION OF \(name(parent)) \(bound)"
        if let key = table.partitionKey { sql += " PARTITION BY \(key)" }
        return sql
    }

    /// Tables in an order that creates every parent (`INHERITS`, `PARTITION OF`) before its
    /// children.
    static func parentsFirst(_ tables: [Table]) -> [Table] {
        var remaining = tables
        var ordered: [Table] = []
        var created = Set<QualifiedName>()
        let names = Set(tables.map(\.name))
        while !remaining.isEmpty {
            let ready = remaining.filter { table in
                (table.inherits + [table.partitionOf].compactMap { $0 }).allSatisfy { !names.contains($0) || created.contains($0) }
            }
            // A cycle cannot happen in PostgreSQL; take the rest as they are if it did.
            let next = ready.isEmpty ? remaining : ready
            ordered += next
            created.formUnion(next.map(\.name))
            remaining.removeAll { table in next.contains { $0.name == table.name } }
        }
        return ordered
    }

    /// The primary key, unique constraints, CHECKs not validated in the source, exclusion
    /// constraints, then indexes not backing a constraint: run after the data is in.
    func afterData(_ table: Table) -> [String] {
        let alter = "ALTER TABLE \(name(table.name)) ADD CONSTRAINT"
        var statements = table.primaryKey.map { key in
            ["\(alter) \(Self.quote(key.name)) PRIMARY KEY (\(columns(key.columns)))\(deferrable(key.isDeferrable, key.isInitiallyDeferred))"]
        } ?? []
        statements += table.uniqueConstraints.map { key in
            "\(alter) \(Self.quote(key.name)) UNIQUE\(key.nullsNotDistinct ? " NULLS NOT DISTINCT" : "") (\(columns(key.columns)))\(deferrable(key.isDeferrable, key.isInitiallyDeferred))"
        }
        statements += table.checks.filter { !$0.isValidated }.map { check in
            "\(alter) \(Self.quote(check.name)) CHECK (\(check.expression.sql)) NOT VALID"
        }
        statements += table.exclusions.map { "\(alter) \(Self.quote($0.name)) \($0.definition)" }
        statements += table.indexes.filter { $0.constraint == nil }.map { createIndex($0, on: table) }
        return statements
    }

    /// A partition's own indexes: those attached to its parent's come with the parent's.
    func partitionIndexes(_ partition: Table) -> [String] {
        partition.indexes.filter { $0.constraint == nil && $0.parentIndex == nil }.map { createIndex($0, on: partition) }
    }

    func foreignKeys(_ table: Table) -> [String] {
        table.foreignKeys.map { key in
            var sql = "ALTER TABLE \(name(table.name)) ADD CONSTRAINT \(Self.quote(key.name)) FOREIGN KEY (\(columns(key.columns)))"
            sql += " REFERENCES \(name(key.referencedTable)) (\(columns(key.referencedColumns)))"
            if key.match == .full { sql += " MATCH FULL" }
            sql += " ON UPDATE \(key.onUpdate.rawValue) ON DELETE \(key.onDelete.rawValue)"
            return sql + deferrable(key.isDeferrable, key.isInitiallyDeferred)
        }
    }

    func createIndex(_ index: Index, on table: Table) -> String {
        let elements = index.elements.map { element -> String in
            var sql = element.column.map(Self.quote) ?? "(\(element.expression?.sql ?? "NULL"))"
            if let collation = element.collation { sql += " COLLATE \(collation.hasPrefix("\"") ? collation : Self.quote(collation))" }
            if let operatorClass = element.operatorClass { sql += " \(operatorClass)" }
            if element.isDescending { sql += " DESC" }
            // Only the non-default NULLS order is spelled out.
            if element.nullsFirst != element.isDescending { sql += element.nullsFirst ? " NULLS FIRST" : " NULLS LAST" }
            return sql
        }
        var sql = "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(Self.quote(index.name)) ON \(name(table.name)) USING \(index.method) (\(elements.joined(separator: ", ")))"
        if !index.included.isEmpty { sql += " INCLUDE (\(columns(index.included)))" }
        if let predicate = index.predicate { sql += " WHERE \(predicate.sql)" }
        return sql
    }

    private func columns(_ names: [String]) -> String {
        names.map(Self.quote).joined(separator: ", ")
    }

    private func deferrable(_ isDeferrable: Bool, _ initiallyDeferred: Bool) -> String {
        guard isDeferrable else { return "" }
        return initiallyDeferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE"
    }
}
