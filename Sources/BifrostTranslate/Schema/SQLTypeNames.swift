import BifrostSchema

/// PostgreSQL type names as a CREATE statement writes them, turned into the schema model's
/// `ColumnType` (pg_type names, kinds, domain chains, `format_type` declarations, typmods).
struct SQLTypeNames {
    /// Enums and domains declared so far in the script, by name.
    var userTypes: [String: UserType]

    func columnType(_ typeName: ParseNode) throws -> (ColumnType, serial: Bool) {
        var names = typeName.names("names")
        if names.first == "pg_catalog" { names.removeFirst() }
        let name = names.last ?? ""
        let modifiers = typeName.list("typmods").compactMap { $0.embedded("ival", as: "Integer").map { $0.int("ival") ?? 0 } }
        var serial = false
        var base = Self.builtIn[name.lowercased()].map { ($0, name.lowercased()) }
        if let serialType = Self.serials[name.lowercased()] {
            base = (serialType, name.lowercased())
            serial = true
        }
        let dimensions = typeName.list("arrayBounds").count
        let element: TypeReference
        let domainBases: [TypeReference]
        var declaration: String
        var typmod: Int32 = -1
        if let (pgName, _) = base {
            element = TypeReference(oid: 0, schema: "pg_catalog", name: pgName, kind: .base)
            domainBases = []
            (declaration, typmod) = Self.declaration(pgName, modifiers)
        } else if let user = userTypes[name] {
            element = reference(user)
            domainBases = try bases(of: user)
            declaration = name
        } else {
            throw TranslationRefusal(TranslationDiagnostic(code: "unknown-type", message: "type \(names.joined(separator: ".")) is neither built in nor declared in the script", line: 0, column: 0))
        }
        guard dimensions > 0 else {
            return (ColumnType(declaration: declaration, typmod: typmod, type: element, domainBases: domainBases), serial)
        }
        declaration += "[]"
        let array = TypeReference(oid: 0, schema: element.schema, name: "_" + element.name, kind: .array)
        return (ColumnType(declaration: declaration, typmod: typmod, type: array,
                           element: BifrostSchema.ArrayElement(type: element, domainBases: domainBases), arrayDimensions: dimensions), serial)
    }

    func reference(_ type: UserType) -> TypeReference {
        switch type.definition {
        case let .enumeration(labels):
            return TypeReference(oid: 0, schema: type.name.schema, name: type.name.name, kind: .enumeration, enumLabels: labels)
        case .domain:
            return TypeReference(oid: 0, schema: type.name.schema, name: type.name.name, kind: .domain)
        case .composite:
            return TypeReference(oid: 0, schema: type.name.schema, name: type.name.name, kind: .composite)
        }
    }

    /// A domain's base types down to the first non-domain.
    private func bases(of type: UserType) throws -> [TypeReference] {
        guard case let .domain(baseType, _, _, _) = type.definition else { return [] }
        let node = try ColumnDefaults.typeNameNode(baseType)
        let (base, _) = try columnType(node)
        return [base.type] + base.domainBases
    }

    /// `format_type`'s spelling and the type modifier.
    private static func declaration(_ name: String, _ modifiers: [Int]) -> (String, Int32) {
        let spelled = spellings[name] ?? name
        switch name {
        case "varchar", "bpchar":
            guard let length = modifiers.first else { return (spelled, -1) }
            return ("\(spelled)(\(length))", Int32(length + 4))
        case "numeric":
            guard let precision = modifiers.first else { return (spelled, -1) }
            let scale = modifiers.count > 1 ? modifiers[1] : 0
            return ("numeric(\(precision),\(scale))", Int32((precision << 16 | (scale & 0x7FF)) + 4))
        case "timestamptz", "timestamp", "time", "timetz":
            guard let precision = modifiers.first else { return (spelled, -1) }
            let words = spelled.split(separator: " ", maxSplits: 1)
            return ("\(words[0])(\(precision)) \(words.count > 1 ? String(words[1]) : "")", Int32(precision))
        default:
            return (spelled, -1)
        }
    }

    private static let spellings: [String: String] = [
        "int2": "smallint", "int4": "integer", "int8": "bigint", "bool": "boolean", "float4": "real",
        "float8": "double precision", "varchar": "character varying", "bpchar": "character",
        "timestamptz": "timestamp with time zone", "timestamp": "timestamp without time zone",
        "time": "time without time zone", "timetz": "time with time zone",
    ]

    private static let serials: [String: String] = [
        "serial": "int4", "serial4": "int4", "bigserial": "int8", "serial8": "int8", "smallserial": "int2", "serial2": "int2",
    ]

    /// SQL names of built-in types → pg_type names.
    private static let builtIn: [String: String] = {
        var names: [String: String] = [
            "int": "int4", "integer": "int4", "smallint": "int2", "bigint": "int8", "boolean": "bool",
            "real": "float4", "float": "float8", "double precision": "float8", "decimal": "numeric",
            "character varying": "varchar", "character": "bpchar", "char": "bpchar",
        ]
        for name in ["int2", "int4", "int8", "bool", "float4", "float8", "numeric", "text", "varchar", "bpchar",
                     "name", "citext", "uuid", "json", "jsonb", "timestamptz", "timestamp", "date", "time", "timetz",
                     "interval", "bytea", "inet", "cidr", "macaddr", "macaddr8", "money", "xml", "tsvector",
                     "tsquery", "bit", "varbit", "oid", "point", "line", "lseg", "box", "path", "polygon", "circle",
                     "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange"] {
            names[name] = name
        }
        return names
    }()
}

extension ColumnDefaults {
    /// The TypeName node of a type written as text (a domain's base type).
    static func typeNameNode(_ type: String) throws -> ParseNode {
        let node = try expressionNode(SQLExpression(sql: "NULL::" + type))
        guard let typeName = node.embedded("typeName", as: "TypeName") else {
            throw TranslationRefusal(TranslationDiagnostic(code: "unknown-type", message: "type \(type)", line: 0, column: 0))
        }
        return typeName
    }
}
