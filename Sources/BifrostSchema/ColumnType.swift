/// A PostgreSQL type as a column uses it.
public struct ColumnType: Sendable, Equatable, Codable {
    /// The type as PostgreSQL spells it with its modifier, e.g. `character varying(255)`,
    /// `text[]`, `numeric(12,2)` (`format_type`).
    public var declaration: String
    /// The type modifier (`atttypmod`), -1 when there is none.
    public var typmod: Int32
    /// The column's own type, possibly a domain.
    public var type: TypeReference
    /// The chain of domains' base types down to a non-domain type (empty for non-domains).
    public var domainBases: [TypeReference]
    /// For an array: its element type (the element as declared, possibly a domain).
    public var element: ArrayElement?
    /// The number of dimensions the column was declared with (`int[][]` → 2; `attndims`),
    /// 0 for non-arrays. PostgreSQL does not enforce it: any array value may have any shape.
    public var arrayDimensions: Int

    /// The type values are stored as: the bottom of the domain chain.
    public var storage: TypeReference { domainBases.last ?? type }

    public init(declaration: String, typmod: Int32, type: TypeReference,
                domainBases: [TypeReference] = [], element: ArrayElement? = nil, arrayDimensions: Int = 0) {
        self.declaration = declaration
        self.typmod = typmod
        self.type = type
        self.domainBases = domainBases
        self.element = element
        self.arrayDimensions = arrayDimensions
    }

    /// For `numeric(p,s)`: the declared scale.
    public var numericScale: Int? {
        guard storage.name == "numeric", typmod >= 4 else { return nil }
        let packed = Int(typmod) - 4
        let scale = packed & 0x7FF
        return scale >= 1024 ? scale - 2048 : scale
    }
}

/// The element type of an array column, with its own domain chain.
public struct ArrayElement: Sendable, Equatable, Codable {
    public var type: TypeReference
    public var domainBases: [TypeReference]

    public var storage: TypeReference { domainBases.last ?? type }

    public init(type: TypeReference, domainBases: [TypeReference] = []) {
        self.type = type
        self.domainBases = domainBases
    }
}

/// One entry of `pg_type`.
public struct TypeReference: Sendable, Equatable, Hashable, Codable {
    /// What sort of type this is (`pg_type.typtype`, with arrays told apart).
    public enum Kind: String, Sendable, Codable {
        case base, array, enumeration, domain, composite, range, multirange, pseudo
    }

    public var oid: UInt32
    public var schema: String
    /// `pg_type.typname`, e.g. `int4`, `timestamptz`, `_text`.
    public var name: String
    public var kind: Kind
    /// The labels of an enum, in their sort order.
    public var enumLabels: [String]

    public init(oid: UInt32, schema: String, name: String, kind: Kind, enumLabels: [String] = []) {
        self.oid = oid
        self.schema = schema
        self.name = name
        self.kind = kind
        self.enumLabels = enumLabels
    }

    /// `schema.name` for user types, the bare name for `pg_catalog` types.
    public var qualifiedName: String {
        schema == "pg_catalog" ? name : "\(schema).\(name)"
    }
}
