extension Schema {
    /// The schema restricted to some tables, named `table` or `schema.table`: views of those
    /// names and sequences those tables own are kept too; functions, types and extensions
    /// stay whole. An empty list keeps everything.
    public func keepingTables(_ names: [String]) -> Schema {
        guard !names.isEmpty else { return self }
        func matches(_ name: QualifiedName) -> Bool {
            names.contains { $0 == name.name || $0 == name.description }
        }
        var copy = self
        copy.tables = tables.filter { matches($0.name) }
        copy.views = views.filter { matches($0.name) }
        copy.sequences = sequences.filter { sequence in
            sequence.ownedBy.map { matches($0.table) } ?? false
        }
        return copy
    }
}
