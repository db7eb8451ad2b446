import BifrostSchema

/// CREATE TABLE, ALTER TABLE and CREATE INDEX into the schema model, with PostgreSQL's names
/// for unnamed constraints (`t_pkey`, `t_a_key`, `t_a_fkey`, `t_a_check`).
extension SQLSchemaReaderState {
    mutating func createTable(_ node: ParseNode) throws {
        let name = qualified(relation: node.embedded("relation", as: "RangeVar")!)
        if node.has("partspec") || node.has("partbound") || !node.list("inhRelations").isEmpty {
            schema.notes.append("table \(name): partitioning and inheritance are not read from scripts; it is read as a plain table")
        }
        var table = Table(name: name, columns: [])
        for element in node.list("tableElts") {
            switch element.tag {
            case "ColumnDef":
                try column(element, into: &table)
            case "Constraint":
                try addConstraint(element, to: &table, column: nil)
            default:
                schema.notes.append("table \(name): \(element.tag) is not read")
            }
        }
        schema.tables.append(table)
    }

    private mutating func column(_ node: ParseNode, into table: inout Table) throws {
        let name = node.string("colname") ?? ""
        let (type, serial) = try types.columnType(node.embedded("typeName", as: "TypeName")!)
        var column = Column(name: name, type: type, isNullable: true)
        if serial {
            column.isNullable = false
            column.serialSequence = QualifiedName(schema: table.name.schema, name: "\(table.name.name)_\(name)_seq")
        }
        column.collation = node.embedded("collClause", as: "CollateClause")?.names("collname").last
        table.columns.append(column)
        for constraint in node.list("constraints") {
            try addConstraint(constraint, to: &table, column: name)
        }
    }

    /// A column or table constraint; `column` for a column constraint.
    mutating func addConstraint(_ node: ParseNode, to table: inout Table, column: String?) throws {
        let keys = node.names("keys").isEmpty ? column.map { [$0] } ?? [] : node.names("keys")
        let given = node.string("conname")
        func columnIndex() -> Int? { table.columns.firstIndex { $0.name == column } }
        switch node.string("contype") {
        case "CONSTR_NOTNULL":
            if let index = columnIndex() { table.columns[index].isNullable = false }
        case "CONSTR_NULL":
            break
        case "CONSTR_DEFAULT":
            if let index = columnIndex(), let raw = node.node("raw_expr") {
                table.columns[index].defaultExpression = expression(raw, stopWords: columnConstraintWords)
            }
        case "CONSTR_IDENTITY":
            if let index = columnIndex() {
                table.columns[index].identity = Column.Identity(
                    generation: node.string("generated_when") == "a" ? .always : .byDefault,
                    sequence: QualifiedName(schema: table.name.schema, name: "\(table.name.name)_\(column ?? "")_seq"))
                table.columns[index].isNullable = false
            }
        case "CONSTR_GENERATED":
            if let index = columnIndex(), let raw = node.node("raw_expr") {
                table.columns[index].generated = expression(raw)
            }
        case "CONSTR_PRIMARY":
            table.primaryKey = KeyConstraint(name: given ?? "\(table.name.name)_pkey", columns: keys,
                                             isDeferrable: node.bool("deferrable"), isInitiallyDeferred: node.bool("initdeferred"))
        case "CONSTR_UNIQUE":
            table.uniqueConstraints.append(KeyConstraint(
                name: given ?? "\(table.name.name)_\(keys.joined(separator: "_"))_key", columns: keys,
                isDeferrable: node.bool("deferrable"), isInitiallyDeferred: node.bool("initdeferred"),
                nullsNotDistinct: node.bool("nulls_not_distinct")))
        case "CONSTR_CHECK":
            guard let raw = node.node("raw_expr") else { return }
            let first = column ?? Self.firstColumn(in: raw)
            let name = given ?? ([table.name.name] + [first].compactMap { $0 } + ["check"]).joined(separator: "_")
            table.checks.append(CheckConstraint(name: name, expression: expression(raw),
                                                isValidated: !node.bool("skip_validation")))
        case "CONSTR_FOREIGN":
            try foreignKey(node, columns: node.names("fk_attrs").isEmpty ? keys : node.names("fk_attrs"), into: &table)
        case "CONSTR_EXCLUSION":
            table.exclusions.append(ExclusionConstraint(name: given ?? "\(table.name.name)_excl", definition: ""))
        default:
            schema.notes.append("table \(table.name): constraint \(node.string("contype") ?? "?") is not read")
        }
    }

    private func foreignKey(_ node: ParseNode, columns: [String], into table: inout Table) throws {
        let referenced = qualified(relation: node.embedded("pktable", as: "RangeVar")!)
        var referencedColumns = node.names("pk_attrs")
        if referencedColumns.isEmpty {
            referencedColumns = schema.tables.first { $0.name == referenced }?.primaryKey?.columns
                ?? (referenced == table.name ? table.primaryKey?.columns : nil) ?? []
        }
        func action(_ code: String?) -> ForeignKey.Action {
            switch code {
            case "r": return .restrict
            case "c": return .cascade
            case "n": return .setNull
            case "d": return .setDefault
            default: return .noAction
            }
        }
        let match: ForeignKey.Match = node.string("fk_matchtype") == "f" ? .full : (node.string("fk_matchtype") == "p" ? .partial : .simple)
        table.foreignKeys.append(ForeignKey(
            name: node.string("conname") ?? "\(table.name.name)_\(columns.joined(separator: "_"))_fkey",
            columns: columns, referencedTable: referenced, referencedColumns: referencedColumns,
            onUpdate: action(node.string("fk_upd_action")), onDelete: action(node.string("fk_del_action")),
            match: match, isDeferrable: node.bool("deferrable"), isInitiallyDeferred: node.bool("initdeferred")))
    }

    /// The first column an expression names (PostgreSQL names a table CHECK after it).
    static func firstColumn(in node: ParseNode) -> String? {
        if node.tag == "ColumnRef" { return node.names("fields").last }
        for (_, value) in node.fields.sorted(by: { $0.key < $1.key }) {
            for child in children(value) {
                if let found = firstColumn(in: child) { return found }
            }
        }
        return nil
    }

    private static func children(_ value: JSONValue) -> [ParseNode] {
        switch value {
        case .array(let items): return items.flatMap(children)
        case .object:
            if let node = ParseNode(value) { return [node] }
            if case let .object(members) = value { return [ParseNode(tag: "", fields: members)] }
            return []
        default: return []
        }
    }

    // MARK: ALTER TABLE

    mutating func alterTable(_ node: ParseNode) throws {
        guard node.string("objtype") == "OBJECT_TABLE" else { return }
        let position: Int
        do {
            position = try tableIndex(node.embedded("relation", as: "RangeVar")!)
        } catch {
            schema.notes.append("ALTER TABLE \(qualified(relation: node.embedded("relation", as: "RangeVar")!)) ignored: the table is not created in the script")
            return
        }
        for command in node.list("cmds") {
            let column = command.string("name")
            switch command.string("subtype") {
            case "AT_AddConstraint":
                if let constraint = command.node("def") {
                    var table = schema.tables[position]
                    try addConstraint(constraint, to: &table, column: nil)
                    schema.tables[position] = table
                }
            case "AT_ColumnDefault":
                if let index = schema.tables[position].columns.firstIndex(where: { $0.name == column }) {
                    schema.tables[position].columns[index].defaultExpression = command.node("def").map { expression($0) }
                }
            case "AT_SetNotNull":
                if let index = schema.tables[position].columns.firstIndex(where: { $0.name == column }) {
                    schema.tables[position].columns[index].isNullable = false
                }
            case "AT_AddIdentity":
                if let constraint = command.node("def") {
                    var table = schema.tables[position]
                    try addConstraint(constraint, to: &table, column: column)
                    schema.tables[position] = table
                }
            case "AT_ChangeOwner", "AT_ReplicaIdentity", "AT_EnableTrig", "AT_ClusterOn", "AT_SetStatistics":
                break
            default:
                schema.notes.append("ALTER TABLE \(schema.tables[position].name) \(command.string("subtype") ?? "?") ignored")
            }
        }
    }

    // MARK: CREATE INDEX

    mutating func index(_ node: ParseNode) throws {
        let position = try tableIndex(node.embedded("relation", as: "RangeVar")!)
        let table = schema.tables[position].name.name
        let elements = node.list("indexParams").map { element -> Index.Element in
            Index.Element(column: element.string("name"),
                          expression: element.node("expr").map { expression($0) },
                          isDescending: element.string("ordering") == "SORTBY_DESC",
                          nullsFirst: element.string("nulls_ordering") == "SORTBY_NULLS_FIRST"
                              || (element.string("ordering") == "SORTBY_DESC" && element.string("nulls_ordering") != "SORTBY_NULLS_LAST"),
                          operatorClass: element.names("opclass").last,
                          collation: element.names("collation").last)
        }
        let name = node.string("idxname") ?? "\(table)_\(elements.compactMap(\.column).joined(separator: "_"))_idx"
        schema.tables[position].indexes.append(Index(
            name: name, method: node.string("accessMethod") ?? "btree", isUnique: node.bool("unique"),
            elements: elements, included: node.list("indexIncludingParams").compactMap { $0.string("name") },
            predicate: node.node("whereClause").map { expression($0) }, definition: ""))
    }
}
