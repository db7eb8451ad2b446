import BifrostPGQuery
import BifrostSchema
import Foundation

/// Which tables of the source schema a conversion (or verification) takes: `--table` and
/// `--exclude-table`, each name given as `NAME` or `SCHEMA.NAME`; and which of their rows:
/// `--where NAME:CONDITION`.
///
/// With no names to include every table is taken; exclusions apply after inclusions. A
/// name that matches no table is an error naming the tables there are. Partitions are
/// converted through their parent, so a name is matched against the tables that are not
/// partitions; the partitions of a taken table come with it.
public struct TableSelection: Sendable, Equatable {
    public var included: [String]
    public var excluded: [String]
    /// Row conditions by table name as given (`--where`).
    public var rowFilters: [RowFilter]

    public init(included: [String] = [], excluded: [String] = [], rowFilters: [RowFilter] = []) {
        self.included = included
        self.excluded = excluded
        self.rowFilters = rowFilters
    }

    /// Takes every table.
    public static let all = TableSelection()

    /// Every table and every row.
    public var isEverything: Bool { included.isEmpty && excluded.isEmpty && rowFilters.isEmpty }

    /// The condition on `table`'s rows, if one was given.
    public func rowFilter(for table: QualifiedName) -> String? {
        rowFilters.first { Self.matches($0.table, table) }?.condition
    }

    /// `schema` restricted to the selected tables (with their partitions, and the sequences
    /// they own). Foreign keys stay as they are: the schema writer leaves out, with a note,
    /// those that reference a table not taken.
    public func apply(to schema: Schema) throws -> Schema {
        let parents = schema.tables.filter { $0.partitionOf == nil }.map(\.name)
        for name in included + excluded + rowFilters.map(\.table) where !parents.contains(where: { Self.matches(name, $0) }) {
            throw SelectionError.unknownTable(name, existing: parents.map(\.description))
        }
        guard !included.isEmpty || !excluded.isEmpty else { return schema }
        let taken = Set(parents.filter { table in
            (included.isEmpty || included.contains { Self.matches($0, table) })
                && !excluded.contains { Self.matches($0, table) }
        })
        guard !taken.isEmpty else { throw SelectionError.nothingLeft(included: included, excluded: excluded) }
        var copy = schema
        let parentOf = Dictionary(schema.tables.compactMap { table in table.partitionOf.map { (table.name, $0) } },
                                  uniquingKeysWith: { first, _ in first })
        func root(_ name: QualifiedName) -> QualifiedName {
            var current = name
            var steps = 0
            while let parent = parentOf[current], steps < 64 { current = parent; steps += 1 }
            return current
        }
        copy.tables = schema.tables.filter { taken.contains(root($0.name)) }
        copy.sequences = schema.sequences.filter { sequence in
            sequence.ownedBy.map { taken.contains($0.table) } ?? true
        }
        return copy
    }

    /// `users` matches `public.users`; so does `public.users`.
    static func matches(_ name: String, _ table: QualifiedName) -> Bool {
        name == table.name || name == table.description
    }
}

/// `--where TABLE:CONDITION`: only the rows of a table for which a SQL condition holds.
///
/// The condition is SQL by design (as in pgloader's WHERE): it is checked with PostgreSQL's
/// own parser to be one boolean expression — a plain `SELECT … WHERE (condition)` must parse
/// as exactly one simple SELECT — and runs inside the conversion's read-only transaction.
public struct RowFilter: Sendable, Equatable {
    public var table: String
    public var condition: String

    public init(table: String, condition: String) {
        self.table = table
        self.condition = condition
    }

    /// `NAME:CONDITION` or `SCHEMA.NAME:CONDITION`, split at the first colon.
    public init(parsing argument: String) throws {
        guard let colon = argument.firstIndex(of: ":"), colon != argument.startIndex,
              !argument[argument.index(after: colon)...].trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SelectionError.malformedFilter(argument, reason: "expected TABLE:CONDITION, e.g. users:created_at > now() - interval '30 days'")
        }
        table = String(argument[..<colon])
        condition = String(argument[argument.index(after: colon)...])
        try checkIsOneCondition()
    }

    private func checkIsOneCondition() throws {
        let probe = "SELECT * FROM probe WHERE (\(condition))"
        let tree: JSONValue
        do {
            tree = try JSONValue.parse(try PGQuery.parseToJSON(probe))
        } catch let error as ParseError {
            throw SelectionError.malformedFilter("\(table):\(condition)", reason: "not a SQL condition: \(error.message)")
        }
        guard case let .array(statements)? = tree["stmts"], statements.count == 1,
              case let .object(select)? = statements[0]["stmt"]?["SelectStmt"],
              select["op"].map({ $0 == .string("SETOP_NONE") }) ?? true,
              Set(select.keys).isSubset(of: ["targetList", "fromClause", "whereClause", "op", "limitOption"]) else {
            throw SelectionError.malformedFilter("\(table):\(condition)", reason: "it must be one condition, as after WHERE, with balanced parentheses")
        }
    }
}

/// A `--table` / `--exclude-table` / `--where` that cannot be honoured.
public enum SelectionError: Error, Sendable, CustomStringConvertible {
    case unknownTable(String, existing: [String])
    case nothingLeft(included: [String], excluded: [String])
    case malformedFilter(String, reason: String)

    public var description: String {
        switch self {
        case let .unknownTable(name, existing):
            "no table \(name) to convert; the schema has: \(existing.joined(separator: ", "))\n  fix: name a table as NAME or SCHEMA.NAME (partitions through their parent table)"
        case let .malformedFilter(argument, reason):
            "--where \(argument): \(reason)"
        case let .nothingLeft(included, excluded):
            "--table \(included.joined(separator: ", ")) and --exclude-table \(excluded.joined(separator: ", ")) leave no table to convert"
        }
    }
}
