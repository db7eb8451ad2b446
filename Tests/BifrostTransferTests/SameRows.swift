import BifrostPostgres
import Testing

/// Expects `table` to hold the same rows in schemas `public` and `restored`, compared by
/// PostgreSQL itself: each row as it prints it, EXCEPT ALL both ways.
func expectSameRows(_ table: String, _ postgres: PostgresConnection,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
    for (left, right) in [("public", "restored"), ("restored", "public")] {
        let missing = try postgres.execute("""
            SELECT r::text FROM \(left).\(table) r EXCEPT ALL SELECT r::text FROM \(right).\(table) r
            """).rows
        #expect(missing.isEmpty, "rows of \(left).\(table) missing from \(right): \(missing)", sourceLocation: sourceLocation)
    }
}
