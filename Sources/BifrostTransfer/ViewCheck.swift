import BifrostSQLite

/// SQLite accepts a view over a table that does not exist and fails only when the view is
/// read. A view that cannot be read (for instance one over a table `--exclude-table` left out)
/// is dropped again, with a note, so the file holds no view that fails when used.
enum ViewCheck {
    /// The names of the views left in the file.
    static func keepReadableViews(in sqlite: SQLiteConnection, notes: inout [String]) throws -> Set<String> {
        let names = try sqlite.query("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name").compactMap { row -> String? in
            if case let .text(name) = row[0] { return name }
            return nil
        }
        var readable = Set(names)
        // A view over a dropped view becomes unreadable too: check again until nothing changes.
        var dropped = true
        while dropped {
            dropped = false
            for name in names where readable.contains(name) {
                let quoted = SQLiteConnection.quoteIdentifier(name)
                do {
                    _ = try sqlite.prepare("SELECT * FROM \(quoted) LIMIT 0")
                } catch {
                    try sqlite.execute("DROP VIEW \(quoted)")
                    notes.append("view \(name) not carried over: SQLite cannot read it: \(error)")
                    readable.remove(name)
                    dropped = true
                }
            }
        }
        return readable
    }
}
