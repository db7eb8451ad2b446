import BifrostSchema

/// Decides, for every column of a table, the codec that stores it, following the rules in
/// order (column rules, then the column's type and its domain bases, then `type *`).
public struct MappingPlanner: Sendable {
    public let rules: MappingRules

    public init(rules: MappingRules = .defaultRules) {
        self.rules = rules
    }

    public func plan(_ table: Table, sqliteName: String) throws -> TableMapping {
        TableMapping(table: table, sqliteName: sqliteName,
                     columns: try table.columns.map { try plan($0, in: table.name) })
    }

    func plan(_ column: Column, in table: QualifiedName) throws -> ColumnMapping {
        let chain = [column.type.type] + column.type.domainBases
        let place = MappingError.Place(table: table, column: column.name, type: column.type.declaration)
        let rule = try findRule(chain: chain, column: (table, column.name), place: place)
        let quoted = PostgresIdentifier.quote(column.name)
        let storage = column.type.storage
        let scale = column.type.numericScale

        if rule.codec == .jsonArray {
            guard storage.kind == .array, let element = column.type.element else {
                throw MappingError.codecCannotRead(place, rule: rule, reads: "array types")
            }
            let elementChain = [element.type] + element.domainBases
            let elementRule = try findRule(chain: elementChain, column: nil, place: place)
            let (elementCodec, castsToText) = try codec(elementRule, storage: element.storage,
                                                        scale: scale, place: place)
            // Elements without a binary reader: the whole array in PostgreSQL's text form, whose
            // elements are their types' output text (a cast to text[] is not always that).
            return castsToText
                ? ColumnMapping(column: column, rule: rule, codec: TextArrayCodec(), copyExpression: "\(quoted)::text")
                : ColumnMapping(column: column, rule: rule, codec: JSONArrayCodec(element: elementCodec), copyExpression: quoted)
        }
        let (codec, castsToText) = try codec(rule, storage: storage, scale: scale, place: place)
        // format('%s', …) prints with the type's output function; a cast to text may not
        // (inet's shows the netmask). NULL must stay NULL, not become ''.
        return ColumnMapping(column: column, rule: rule, codec: codec,
                             copyExpression: castsToText ? "CASE WHEN \(quoted) IS NULL THEN NULL ELSE format('%s', \(quoted)) END" : quoted)
    }

    private func findRule(
        chain: [TypeReference], column: (QualifiedName, String)?, place: MappingError.Place
    ) throws -> MappingRule {
        if let (table, name) = column, let rule = rules.rules.first(where: {
            $0.match == .column(schema: table.schema, table: table.name, column: name)
        }) {
            return rule
        }
        for type in chain {
            if let rule = rules.rules.first(where: { Self.matches($0.match, type) }) { return rule }
        }
        if let rule = rules.rules.first(where: { $0.match == .anyType }) { return rule }
        throw MappingError.noRule(place, typeName: chain.last?.qualifiedName ?? place.type)
    }

    private static func matches(_ match: MappingRule.Match, _ type: TypeReference) -> Bool {
        switch match {
        case let .type(name): name == type.name || name == "\(type.schema).\(type.name)"
        case let .kind(kind): kind == type.kind
        case .column, .anyType: false
        }
    }

    /// The codec for a rule and the storage type it must read; `castsToText` when the COPY
    /// query must cast the value to text for the codec.
    private func codec(
        _ rule: MappingRule, storage: TypeReference, scale: Int?, place: MappingError.Place
    ) throws -> (any ValueCodec, castsToText: Bool) {
        let name = storage.schema == "pg_catalog" ? storage.name : ""
        func require(_ accepted: Bool, _ reads: String) throws {
            if !accepted { throw MappingError.codecCannotRead(place, rule: rule, reads: reads) }
        }
        switch rule.codec {
        case .integer:
            try require(["int2", "int4", "int8"].contains(name), "smallint, integer, bigint")
            return (IntegerCodec(), false)
        case .boolean:
            try require(name == "bool", "boolean")
            return (BooleanCodec(), false)
        case .float:
            try require(["float4", "float8"].contains(name), "real, double precision")
            return (FloatCodec(), false)
        case .numeric:
            try require(name == "numeric", "numeric")
            return (NumericCodec(declaredScale: scale), false)
        case .uuid:
            try require(name == "uuid", "uuid")
            return (UUIDCodec(), false)
        case .json:
            try require(["json", "jsonb"].contains(name), "json, jsonb")
            return (JSONCodec(isJSONB: name == "jsonb"), false)
        case .timestamp:
            try require(["timestamp", "timestamptz"].contains(name), "timestamp, timestamptz")
            return (TimestampCodec(), false)
        case .date:
            try require(name == "date", "date")
            return (DateCodec(), false)
        case .time:
            try require(name == "time", "time")
            return (TimeCodec(), false)
        case .blob:
            try require(name == "bytea", "bytea")
            return (BlobCodec(), false)
        case .enum:
            try require(storage.kind == .enumeration, "enum types")
            return (EnumCodec(labels: storage.enumLabels), false)
        case .text:
            let native = ["text", "varchar", "bpchar", "name"].contains(name)
                || storage.kind == .enumeration || (storage.name == "citext" && storage.kind == .base)
            return (TextCodec(), !native)
        case .jsonArray:
            // Arrays of arrays do not exist in PostgreSQL; an element rule naming json-array
            // can only come from a mapping file.
            throw MappingError.codecCannotRead(place, rule: rule, reads: "whole array columns, not elements")
        }
    }
}

/// A column the mapping cannot store.
public enum MappingError: Error, Sendable, CustomStringConvertible {
    public struct Place: Sendable {
        public var table: QualifiedName
        public var column: String
        public var type: String
    }

    case noRule(Place, typeName: String)
    case codecCannotRead(Place, rule: MappingRule, reads: String)

    public var description: String {
        switch self {
        case let .noRule(place, typeName):
            """
            no mapping rule for column \(place.column) of \(place.table) (type \(place.type))
              fix: add a rule to your mapping file, e.g. `type \(typeName) -> text`, and pass it with --mapping
            """
        case let .codecCannotRead(place, rule, reads):
            """
            rule `\(rule.match) -> \(rule.codec.rawValue)` (\(rule.origin)) cannot store column \(place.column) of \(place.table) (type \(place.type)): codec \(rule.codec.rawValue) reads \(reads)
              fix: map this type or column to a codec that reads it, or to `text` (PostgreSQL's text form)
            """
        }
    }
}
