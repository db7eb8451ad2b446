import BifrostSchema

/// Which tables of the source schema a conversion (or verification) takes: `--table` and
/// `--exclude-table`, each name given as `NAME` or `SCHEMA.NAME`.
///
/// With no names to include every table is taken; exclusions apply after inclusions. A
/// name that matches no table is an error naming the tables there are. Partitions are
/// converted through their parent, so a name is matched against the tables that are not
/// partitions; the partitions of a taken table come with it.
public struct TableSelection: Sendable, Equatable {
    public var included: [String]
    public var excluded: [String]

    public init(included: [String] = [], excluded: [String] = []) {
        self.included = included
        self.excluded = excluded
    }

    /// Takes every table.
    public static let all = TableSelection()

    public var isEverything: Bool { included.isEmpty && excluded.isEmpty }

    /// `schema` restricted to the selected tables (with their partitions, and the sequences
    /// they own). Foreign keys stay as they are: the schema writer leaves out, with a note,
    /// those that reference a table not taken.
    public func apply(to schema: Schema) throws -> Schema {
        guard !isEverything else { return schema }
        let parents = schema.tables.filter { $0.partitionOf == nil }.map(\.name)
        for name in included + excluded where !parents.contains(where: { Self.matches(name, $0) }) {
            throw SelectionError.unknownTable(name, existing: parents.map(\.description))
        }
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

/// A `--table` / `--exclude-table` that cannot be honoured.
public enum SelectionError: Error, Sendable, CustomStringConvertible {
    case unknownTable(String, existing: [String])
    case nothingLeft(included: [String], excluded: [String])

    public var description: String {
        switch self {
        case let .unknownTable(name, existing):
            "no table \(name) to convert; the schema has: \(existing.joined(separator: ", "))\n  fix: name a table as NAME or SCHEMA.NAME (partitions through their parent table)"
        case let .nothingLeft(included, excluded):
            "--table \(included.joined(separator: ", ")) and --exclude-table \(excluded.joined(separator: ", ")) leave no table to convert"
        }
    }
}
