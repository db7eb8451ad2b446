import BifrostSQLite
import BifrostSchema
import Foundation

/// How a result column's values are compared: chosen from a PostgreSQL type name.
///
/// Each side's value is reduced to a canonical string (PostgreSQL from its text output,
/// SQLite from the returned value) and the strings are compared; two answers agree when
/// every canonical value agrees. This is the harness's own oracle, written from the
/// storage rules in DESIGN.md, independent of the library's codecs.
indirect enum ValueKind: Equatable, Sendable, CustomStringConvertible {
    /// `t`/`f` ↔ INTEGER 1/0.
    case boolean
    /// Exact 64-bit integers ↔ INTEGER.
    case integer
    /// numeric, real, double precision: compared by value as doubles (NaN/±Infinity as such).
    case number
    /// Compared as exact strings (text, varchar, uuid, enum, inet, date, time, interval …).
    case text
    /// Parsed and compared as JSON values (key order irrelevant, numbers by value).
    case json
    /// PostgreSQL's `+00`-suffixed UTC output ↔ the stored text without suffix.
    case timestamp
    /// `\x…` hex ↔ BLOB.
    case bytea
    /// A PostgreSQL array literal ↔ a JSON array, elements by their kind.
    case array(ValueKind)
    /// Type not known: PostgreSQL's text against the SQLite value's text form.
    case unknown

    var description: String {
        switch self {
        case .boolean: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .text: "text"
        case .json: "json"
        case .timestamp: "timestamp"
        case .bytea: "bytea"
        case let .array(element): "\(element)[]"
        case .unknown: "unknown"
        }
    }

    /// Kinds that would decode a value differently in an application (the cross-check of a
    /// translation's declared type against PostgreSQL's own result type).
    var family: String {
        switch self {
        case .integer, .number: "numeric"
        case .text, .unknown: "text"
        case let .array(element): "array of \(element.family)"
        default: description
        }
    }

    /// The kind for a type name as the translator reports it or as written in SQL
    /// (`timestamptz`, `timestamp with time zone`, `character varying(50)`, `text[]`, `_int4`,
    /// an enum or domain of the schema …); `.unknown` for nil or an unknown name.
    static func forTypeName(_ name: String?, types: [UserType]) -> ValueKind {
        guard var name = name?.lowercased().trimmingCharacters(in: .whitespaces), !name.isEmpty else { return .unknown }
        if name.hasSuffix("]"), let bracket = name.firstIndex(of: "[") {
            return .array(forTypeName(String(name[..<bracket]), types: types))
        }
        if name.hasPrefix("_") { return .array(forTypeName(String(name.dropFirst()), types: types)) }
        if let open = name.firstIndex(of: "(") {
            let close = name.lastIndex(of: ")") ?? name.index(before: name.endIndex)
            name = (String(name[..<open]) + String(name[name.index(after: close)...]))
                .trimmingCharacters(in: .whitespaces)
        }
        if name.hasPrefix("pg_catalog.") { name.removeFirst("pg_catalog.".count) }
        switch name {
        case "bool", "boolean":
            return .boolean
        case "int2", "int4", "int8", "smallint", "integer", "int", "bigint", "smallserial", "serial", "bigserial", "oid":
            return .integer
        case "numeric", "decimal", "float4", "float8", "real", "double precision", "float":
            return .number
        case "text", "varchar", "character varying", "char", "character", "bpchar", "name", "uuid", "citext",
             "inet", "cidr", "macaddr", "date", "time", "time without time zone", "timetz", "time with time zone",
             "interval", "xml", "money":
            return .text
        case "json", "jsonb":
            return .json
        case "timestamp", "timestamptz", "timestamp with time zone", "timestamp without time zone":
            return .timestamp
        case "bytea":
            return .bytea
        default:
            let unqualified = name.split(separator: ".").last.map(String.init) ?? name
            guard let type = types.first(where: { $0.name.name.lowercased() == unqualified }) else { return .unknown }
            switch type.definition {
            case .enumeration: return .text
            case let .domain(baseType, _, _, _): return forTypeName(baseType, types: types)
            case .composite: return .unknown
            }
        }
    }

    // MARK: - Canonical forms

    /// The canonical form of a value PostgreSQL printed (`nil` is SQL NULL).
    func canonical(postgres text: String?) -> String {
        guard let text else { return "NULL" }
        switch self {
        case .boolean:
            switch text {
            case "t": return "true"
            case "f": return "false"
            default: return "unexpected boolean text \(text.debugDescription)"
            }
        case .integer:
            return Int64(text).map { "i:\($0)" } ?? "s:\(text)"
        case .number:
            return Self.number(text) ?? "s:\(text)"
        case .text, .unknown:
            return "s:\(text)"
        case .timestamp:
            return "s:\(Self.withoutUTCSuffix(text))"
        case .bytea:
            return text.hasPrefix("\\x") ? "x:\(text.dropFirst(2).lowercased())" : "s:\(text)"
        case .json:
            guard let json = try? CorpusJSON.parse(text) else { return "s:\(text)" }
            return Self.canonical(json)
        case let .array(element):
            guard let literal = try? PostgresArrayText.parse(text) else { return "s:\(text)" }
            return Self.canonical(literal, element: element)
        }
    }

    /// The canonical form of a value SQLite returned.
    func canonical(sqlite value: SQLiteValue) -> String {
        if case .null = value { return "NULL" }
        switch (self, value) {
        case (.boolean, .integer(1)): return "true"
        case (.boolean, .integer(0)): return "false"
        case (.integer, let .integer(number)): return "i:\(number)"
        case (.number, let .integer(number)): return Self.number(Double(number))
        case (.number, let .real(number)): return Self.number(number)
        case (.number, let .text(text)): return Self.number(text) ?? "s:\(text)"
        case (.text, let .text(text)), (.timestamp, let .text(text)), (.unknown, let .text(text)):
            return "s:\(text)"
        case (.text, let .integer(number)), (.unknown, let .integer(number)):
            return "s:\(number)"
        case (.bytea, let .blob(bytes)), (.unknown, let .blob(bytes)):
            return "x:" + bytes.map { String(format: "%02x", $0) }.joined()
        case (.json, let .text(text)):
            guard let json = try? CorpusJSON.parse(text) else { return "not JSON: \(text.debugDescription)" }
            return Self.canonical(json)
        case (.json, let .integer(number)):
            return "n:" + Self.number(Double(number)).dropFirst(2)
        case (.json, let .real(number)):
            return "n:" + Self.number(number).dropFirst(2)
        case let (.array(element), .text(text)):
            guard case let .array(items)? = try? CorpusJSON.parse(text) else { return "not a JSON array: \(text.debugDescription)" }
            return Self.canonical(jsonArray: items, element: element)
        default:
            return "\(value.storageClass) \(Self.display(value)) (expected \(self))"
        }
    }

    // MARK: - Helpers

    static func withoutUTCSuffix(_ text: String) -> String {
        if text.hasSuffix("+00") { return String(text.dropLast(3)) }
        if text.hasSuffix("+00 BC") { return String(text.dropLast(6)) + " BC" }
        return text
    }

    /// `n:` and the double's shortest form; NaN and infinities by name; -0 as 0.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "n:NaN" }
        if value == .infinity { return "n:Infinity" }
        if value == -.infinity { return "n:-Infinity" }
        return "n:\(value == 0 ? 0 : value)"
    }

    static func number(_ text: String) -> String? {
        switch text.trimmingCharacters(in: .whitespaces) {
        case "NaN": return number(Double.nan)
        case "Infinity", "inf": return number(Double.infinity)
        case "-Infinity", "-inf": return number(-Double.infinity)
        case let trimmed: return Double(trimmed).map(number)
        }
    }

    static func canonical(_ json: CorpusJSON) -> String {
        switch json {
        case .null: return "null"
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(number, _): return "n:" + Self.number(number).dropFirst(2)
        case let .string(text): return text.debugDescription
        case let .array(items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case let .object(members):
            return "{" + members.keys.sorted().map { $0.debugDescription + ":" + canonical(members[$0]!) }.joined(separator: ",") + "}"
        }
    }

    private static func canonical(_ literal: PostgresArrayText, element: ValueKind) -> String {
        switch literal {
        case .null: return "NULL"
        case let .element(text): return element.canonical(postgres: text)
        case let .array(items): return "[" + items.map { canonical($0, element: element) }.joined(separator: ",") + "]"
        }
    }

    /// A JSON array as stored for a PostgreSQL array: nested arrays for dimensions, `null`
    /// for NULL elements, elements in their own storage form inside JSON.
    private static func canonical(jsonArray items: [CorpusJSON], element: ValueKind) -> String {
        "[" + items.map { item -> String in
            switch (item, element) {
            case (.null, _): return "NULL"
            case let (.array(inner), _): return canonical(jsonArray: inner, element: element)
            case let (.bool(flag), .boolean): return flag ? "true" : "false"
            case let (.number(_, literal), .integer): return Int64(literal).map { "i:\($0)" } ?? "n:\(literal)"
            case let (.number(number, _), .number): return Self.number(number)
            case let (.string(text), .number): return Self.number(text) ?? "s:\(text)"
            case let (.string(text), .bytea): return element.canonical(postgres: text)
            case let (.string(text), .text), let (.string(text), .timestamp), let (.string(text), .unknown):
                return "s:\(text)"
            case let (.number(_, literal), .unknown): return "s:\(literal)"
            case (_, .json): return canonical(item)
            default: return "JSON \(canonical(item)) (expected \(element))"
            }
        }.joined(separator: ",") + "]"
    }

    static func display(_ value: SQLiteValue) -> String {
        switch value {
        case .null: return "NULL"
        case let .integer(number): return String(number)
        case let .real(number): return String(number)
        case let .text(text): return text.debugDescription
        case let .blob(bytes): return "x'" + bytes.map { String(format: "%02x", $0) }.joined() + "'"
        }
    }
}

/// A PostgreSQL array literal as `array_out` prints it: `{a,"b c",NULL,{1,2}}`.
enum PostgresArrayText: Equatable {
    case null
    case element(String)
    case array([PostgresArrayText])

    struct SyntaxError: Error, CustomStringConvertible {
        var text: String
        var description: String { "invalid array literal \(text.debugDescription)" }
    }

    static func parse(_ text: String) throws -> PostgresArrayText {
        let characters = Array(text.unicodeScalars)
        guard characters.first == "{" else { throw SyntaxError(text: text) } // "[0:2]={…}" is not mapped
        var position = 0
        let value = try parseArray(characters, &position, text)
        guard position == characters.count else { throw SyntaxError(text: text) }
        return value
    }

    private static func parseArray(_ characters: [Unicode.Scalar], _ position: inout Int, _ text: String) throws -> PostgresArrayText {
        position += 1 // {
        var items: [PostgresArrayText] = []
        if position < characters.count, characters[position] == "}" { position += 1; return .array(items) }
        while position < characters.count {
            switch characters[position] {
            case "{":
                items.append(try parseArray(characters, &position, text))
            case "\"":
                position += 1
                var value = String.UnicodeScalarView()
                while position < characters.count, characters[position] != "\"" {
                    if characters[position] == "\\" { position += 1 }
                    guard position < characters.count else { throw SyntaxError(text: text) }
                    value.append(characters[position])
                    position += 1
                }
                guard position < characters.count else { throw SyntaxError(text: text) }
                position += 1
                items.append(.element(String(value)))
            default:
                var value = String.UnicodeScalarView()
                while position < characters.count, characters[position] != ",", characters[position] != "}" {
                    if characters[position] == "\\" { position += 1 }
                    guard position < characters.count else { throw SyntaxError(text: text) }
                    value.append(characters[position])
                    position += 1
                }
                let element = String(value).trimmingCharacters(in: .whitespaces)
                items.append(element.uppercased() == "NULL" ? .null : .element(element))
            }
            guard position < characters.count else { throw SyntaxError(text: text) }
            if characters[position] == "," { position += 1; continue }
            if characters[position] == "}" { position += 1; return .array(items) }
            throw SyntaxError(text: text)
        }
        throw SyntaxError(text: text)
    }
}

/// The answers of both sides for one result (or one table state), compared.
struct ResultComparison {
    var kinds: [ValueKind]
    var postgresRows: [[String?]]
    var sqliteRows: [[SQLiteValue]]
    var ordered: Bool
    /// Column names for messages.
    var names: [String] = []

    /// nil when the answers agree; otherwise what differs, for the failure message.
    func difference() -> String? {
        let postgres = postgresRows.map { row in row.enumerated().map { kind($0.offset).canonical(postgres: $0.element) } }
        let sqlite = sqliteRows.map { row in row.enumerated().map { kind($0.offset).canonical(sqlite: $0.element) } }
        // Byte equality: Swift's String == treats canonically equivalent text ('é' and 'e' +
        // U+0301) as equal, PostgreSQL does not.
        let postgresBytes = postgres.map(Self.bytes)
        let sqliteBytes = sqlite.map(Self.bytes)
        if ordered {
            for index in 0..<max(postgres.count, sqlite.count) {
                let left = index < postgres.count ? postgres[index] : nil
                let right = index < sqlite.count ? sqlite[index] : nil
                guard (index < postgres.count ? postgresBytes[index] : nil) != (index < sqlite.count ? sqliteBytes[index] : nil) else { continue }
                var columns = ""
                if index < postgres.count, index < sqlite.count {
                    let differing = postgresBytes[index].indices.filter {
                        $0 >= sqliteBytes[index].count || postgresBytes[index][$0] != sqliteBytes[index][$0]
                    }.map { $0 < names.count ? names[$0] : "#\($0 + 1)" }
                    columns = " in " + differing.joined(separator: ", ")
                }
                return "first differing row #\(index + 1)\(columns) (\(postgres.count) rows on PostgreSQL, \(sqlite.count) on SQLite):\n"
                    + "  PostgreSQL: \(left.map { postgresText(postgresRows[index], canonical: $0) } ?? "(no row)")\n"
                    + "  SQLite:     \(right.map { sqliteText(sqliteRows[index], canonical: $0) } ?? "(no row)")"
            }
            return nil
        }
        var remaining: [[[UInt8]]: [Int]] = [:]
        for (index, row) in sqliteBytes.enumerated() { remaining[row, default: []].append(index) }
        var missing: [Int] = []
        for (index, row) in postgresBytes.enumerated() {
            if var indexes = remaining[row], !indexes.isEmpty {
                indexes.removeFirst()
                remaining[row] = indexes
            } else {
                missing.append(index)
            }
        }
        let extra = remaining.values.flatMap { $0 }.sorted()
        guard !missing.isEmpty || !extra.isEmpty else { return nil }
        var message = "rows differ as multisets: \(postgres.count) on PostgreSQL, \(sqlite.count) on SQLite; "
            + "\(missing.count) PostgreSQL row(s) without a match, \(extra.count) SQLite row(s) without a match"
        if let first = missing.first {
            message += "\n  only on PostgreSQL: \(postgresText(postgresRows[first], canonical: postgres[first]))"
        }
        if let first = extra.first {
            message += "\n  only on SQLite:     \(sqliteText(sqliteRows[first], canonical: sqlite[first]))"
        }
        return message
    }

    static func bytes(_ row: [String]) -> [[UInt8]] { row.map { Array($0.utf8) } }

    private func kind(_ column: Int) -> ValueKind {
        column < kinds.count ? kinds[column] : .unknown
    }

    /// A row as each side gave it; a value's canonical form follows (⇒) where it is not just
    /// the same text.
    private func postgresText(_ row: [String?], canonical: [String]) -> String {
        "(" + row.enumerated().map { index, value in
            guard let value else { return "NULL" }
            return Self.annotated(value.debugDescription, plain: "s:" + value, canonical: canonical[index])
        }.joined(separator: ", ") + ")"
    }

    private func sqliteText(_ row: [SQLiteValue], canonical: [String]) -> String {
        "(" + row.enumerated().map { index, value in
            let plain: String
            switch value {
            case let .text(text): plain = "s:" + text
            case .null: plain = "NULL"
            default: plain = ""
            }
            return Self.annotated(ValueKind.display(value), plain: plain, canonical: canonical[index])
        }.joined(separator: ", ") + ")"
    }

    private static func annotated(_ display: String, plain: String, canonical: String) -> String {
        Array(plain.utf8) == Array(canonical.utf8) ? display : "\(display) ⇒ \(canonical)"
    }
}
