import BifrostSchema

/// The PostgreSQL type of an expression, as far as translation needs it: enough to pick the
/// SQLite rewrite that reproduces PostgreSQL's answer for values in Bifrost's storage format.
public indirect enum SQLType: Sendable, Hashable {
    case boolean
    /// smallint, integer, bigint (by PostgreSQL name).
    case integer(String)
    /// numeric with its scale when declared.
    case numeric(scale: Int?)
    /// real or double precision.
    case float(String)
    /// text, character varying, character, citext, name.
    case text(String)
    case uuid, json, jsonb, timestamptz, timestamp, date, time, interval, bytea
    case enumeration(String)
    /// Types stored as PostgreSQL's text form (inet, cidr, macaddr, xml, money, ranges …).
    case textForm(String)
    case array(SQLType)
    /// A quoted literal whose type PostgreSQL decides from context.
    case unknownLiteral
    case null
    case record
    /// Nothing is known (no schema for this column).
    case any

    /// The PostgreSQL name, as reported for result columns.
    public var postgresName: String? {
        switch self {
        case .boolean: return "boolean"
        case let .integer(name): return name
        case .numeric: return "numeric"
        case let .float(name): return name
        case let .text(name): return name
        case .uuid: return "uuid"
        case .json: return "json"
        case .jsonb: return "jsonb"
        case .timestamptz: return "timestamptz"
        case .timestamp: return "timestamp"
        case .date: return "date"
        case .time: return "time"
        case .interval: return "interval"
        case .bytea: return "bytea"
        case let .enumeration(name): return name
        case let .textForm(name): return name
        case let .array(element): return element.postgresName.map { $0 + "[]" }
        case .unknownLiteral: return "text"
        case .null, .record, .any: return nil
        }
    }

    var isTextual: Bool {
        switch self {
        case .text, .unknownLiteral, .enumeration: return true
        default: return false
        }
    }
    /// character(n): blank-padded; trailing spaces do not count in comparisons or text.
    var isBlankPadded: Bool {
        if case let .text(name) = self { return name == "character" || name.hasPrefix("character(") }
        return false
    }
    /// The n of character varying(n) / character(n).
    var declaredLength: Int? {
        guard case let .text(name) = self, let open = name.firstIndex(of: "(") else { return nil }
        return Int(name[name.index(after: open)...].dropLast())
    }
    var isInteger: Bool { if case .integer = self { return true } else { return false } }
    var isNumeric: Bool { if case .numeric = self { return true } else { return false } }
    var isFloat: Bool { if case .float = self { return true } else { return false } }
    var isNumber: Bool { isInteger || isNumeric || isFloat }
    var isArray: Bool { if case .array = self { return true } else { return false } }
    var isJSON: Bool { self == .json || self == .jsonb }
    var isDateTime: Bool { self == .timestamptz || self == .timestamp || self == .date }
    /// Unknown at translation time: a literal, NULL or an unresolved column.
    var isOpen: Bool { self == .unknownLiteral || self == .null || self == .any }
    var arrayElement: SQLType? { if case let .array(element) = self { return element } else { return nil } }

    /// Whether `<`/`ORDER BY` on this type follows a collation in PostgreSQL.
    var isCollatable: Bool {
        switch self {
        case .text, .unknownLiteral: return true
        case let .array(element): return element.isCollatable
        default: return false
        }
    }

    /// The type of a column's storage in the schema model.
    init(_ type: ColumnType) {
        if let element = type.element {
            self = .array(SQLType(reference: element.storage))
        } else {
            self = SQLType(reference: type.storage, numericScale: type.numericScale)
        }
    }

    init(reference: TypeReference, numericScale: Int? = nil) {
        if reference.kind == .enumeration {
            self = .enumeration(reference.qualifiedName)
        } else {
            self = SQLType(catalogName: reference.name, numericScale: numericScale) ?? .textForm(reference.qualifiedName)
        }
    }

    /// A built-in type by its `pg_type` or SQL name; nil when it is not one translation knows.
    init?(catalogName name: String, numericScale: Int? = nil) {
        switch name.lowercased() {
        case "bool", "boolean": self = .boolean
        case "int2", "smallint", "smallserial", "serial2": self = .integer("smallint")
        case "int4", "integer", "int", "serial", "serial4": self = .integer("integer")
        case "int8", "bigint", "bigserial", "serial8": self = .integer("bigint")
        case "numeric", "decimal": self = .numeric(scale: numericScale)
        case "float4", "real": self = .float("real")
        case "float8", "double precision", "float": self = .float("double precision")
        case "text": self = .text("text")
        case "varchar", "character varying": self = .text("character varying")
        case "bpchar", "character", "char": self = .text("character")
        case "citext": self = .text("citext")
        case "name": self = .text("name")
        case "uuid": self = .uuid
        case "json": self = .json
        case "jsonb": self = .jsonb
        case "timestamptz", "timestamp with time zone": self = .timestamptz
        case "timestamp", "timestamp without time zone": self = .timestamp
        case "date": self = .date
        case "time", "time without time zone": self = .time
        case "interval": self = .interval
        case "bytea": self = .bytea
        default: return nil
        }
    }
}
