import BifrostMapping
import BifrostPostgres
import BifrostSQLite

/// One side's row count and order-independent content checksum for a table.
struct SideChecksum: Sendable, Equatable {
    var rows = 0
    var checksum: UInt64 = 0

    var hex: String { RowChecksum.hex(checksum) }
}

/// Each side of a table's verification on its own, so the two can run on different threads
/// (each on a connection no other thread uses meanwhile): a sequential scan of the rows in
/// their natural order, reduced to canonical form and hashed.
enum TableChecksum {
    /// From PostgreSQL's text output of every value, in the caller's transaction.
    static func postgres(_ mapping: TableMapping, _ connection: PostgresConnection) throws -> SideChecksum {
        var side = SideChecksum()
        var sum = RowChecksum()
        try CanonicalTable(mapping).readPostgres(connection) { row in
            sum.add(row)
            side.rows += 1
        }
        side.checksum = sum.sum
        return side
    }

    /// From the values stored in the SQLite file.
    static func sqlite(_ mapping: TableMapping, _ connection: SQLiteConnection) throws -> SideChecksum {
        let table = CanonicalTable(mapping)
        let statement = try connection.prepare(table.sqliteQuery(orderedBy: []))
        var side = SideChecksum()
        var sum = RowChecksum()
        var row = CanonicalRow()
        while try table.nextSQLiteRow(statement, into: &row) {
            sum.add(row)
            side.rows += 1
        }
        side.checksum = sum.sum
        return side
    }
}
