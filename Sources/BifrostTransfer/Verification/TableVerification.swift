import BifrostMapping
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import Foundation

/// One table compared on both sides: row counts, an order-independent content checksum
/// per side, and the keys of rows that differ.
struct TableVerification {
    let mapping: TableMapping
    let postgres: PostgresConnection
    let sqlite: SQLiteConnection
    let maxDifferences: Int

    /// Both sides' checksums one after the other, then the report.
    func run() throws -> TableVerificationReport {
        try report(postgresSide: TableChecksum.postgres(mapping, postgres),
                   sqliteSide: TableChecksum.sqlite(mapping, sqlite))
    }

    /// The report from both sides' checksums (sequential scans, see `TableChecksum`); only
    /// when they differ are both sides read again in key order to name the differing rows.
    /// `rejectedRows` were set aside on purpose (`--on-error=skip`): they are the only rows
    /// the key-order comparison may find on one side alone.
    func report(postgresSide: SideChecksum, sqliteSide: SideChecksum, rejectedRows: Int = 0) throws
        -> TableVerificationReport {
        var report = TableVerificationReport(table: mapping.table.name, sqliteName: mapping.sqliteName)
        report.postgresRows = postgresSide.rows
        report.sqliteRows = sqliteSide.rows
        report.postgresChecksum = postgresSide.hex
        report.sqliteChecksum = sqliteSide.hex
        if report.isEqual, rejectedRows == 0 { return report }
        var compared = try compareInKeyOrder()
        compared.rejectedRows = rejectedRows
        return compared
    }

    /// Both sides in key order, merged, so rows present on one side only and rows whose
    /// values differ are named by their key.
    private func compareInKeyOrder() throws -> TableVerificationReport {
        let table = CanonicalTable(mapping)
        let columns = mapping.columns
        let keyNames = mapping.table.primaryKey?.columns ?? columns.map(\.column.name)
        let keyIndexes = keyNames.compactMap { name in columns.firstIndex { $0.column.name == name } }
        let numberKeys = Set(keyIndexes.filter { ["integer", "numeric"].contains(columns[$0].codec.name) })
        let sqliteRows = try sqlite.prepare(table.sqliteQuery(orderedBy: keyIndexes))
        var report = TableVerificationReport(table: mapping.table.name, sqliteName: mapping.sqliteName)
        var postgresSum = RowChecksum()
        var sqliteSum = RowChecksum()
        var stored = CanonicalRow()
        var hasStored = try table.nextSQLiteRow(sqliteRows, into: &stored)

        func record(_ difference: RowDifference) {
            report.differingRows += 1
            if difference.kind == .onlyInPostgres { report.onlyInPostgresRows += 1 }
            if difference.kind == .onlyInSQLite { report.onlyInSQLiteRows += 1 }
            if report.differences.count < maxDifferences { report.differences.append(difference) }
        }
        func key(_ row: CanonicalRow) -> String {
            keyIndexes.map { "\(columns[$0].column.name)=\(row.text($0))" }.joined(separator: ", ")
        }
        func consumeStored() throws {
            sqliteSum.add(stored)
            report.sqliteRows += 1
            hasStored = try table.nextSQLiteRow(sqliteRows, into: &stored)
        }

        try table.readPostgres(postgres, orderedBy: keyIndexes) { row in
            postgresSum.add(row)
            report.postgresRows += 1
            // Rows only SQLite has, ordered before this one.
            while hasStored, Self.compareKeys(stored, row, keyIndexes, numberKeys) == .orderedAscending {
                record(RowDifference(key: key(stored), columns: [], kind: .onlyInSQLite))
                try consumeStored()
            }
            guard hasStored, Self.compareKeys(stored, row, keyIndexes, numberKeys) == .orderedSame else {
                record(RowDifference(key: key(row), columns: [], kind: .onlyInPostgres))
                return
            }
            let differing = columns.indices.filter { stored.field($0) != row.field($0) }.map { columns[$0].column.name }
            if !differing.isEmpty { record(RowDifference(key: key(row), columns: differing, kind: .valuesDiffer)) }
            try consumeStored()
        }
        while hasStored {
            record(RowDifference(key: key(stored), columns: [], kind: .onlyInSQLite))
            try consumeStored()
        }
        report.postgresChecksum = postgresSum.hex
        report.sqliteChecksum = sqliteSum.hex
        return report
    }

    /// Key order as both databases sort: NULLs first, integers in number columns by value,
    /// everything else by bytes.
    static func compareKeys(_ left: CanonicalRow, _ right: CanonicalRow, _ keyIndexes: [Int],
                            _ numberKeys: Set<Int>) -> ComparisonResult {
        for index in keyIndexes {
            switch (left.field(index), right.field(index)) {
            case (nil, nil): continue
            case (nil, _): return .orderedAscending
            case (_, nil): return .orderedDescending
            case let (a?, b?):
                if a == b { continue }
                if numberKeys.contains(index), let x = Int64(String(decoding: a, as: UTF8.self)),
                   let y = Int64(String(decoding: b, as: UTF8.self)) {
                    return x < y ? .orderedAscending : .orderedDescending
                }
                return a.lexicographicallyPrecedes(b) ? .orderedAscending : .orderedDescending
            }
        }
        return .orderedSame
    }
}

/// The keys PostgreSQL and SQLite disagree on, for one row.
public struct RowDifference: Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case valuesDiffer = "values differ"
        case onlyInPostgres = "only in PostgreSQL"
        case onlyInSQLite = "only in SQLite"
    }

    /// The row's primary key as `column=value, …`.
    public var key: String
    /// The columns whose values differ.
    public var columns: [String]
    public var kind: Kind

    public var description: String {
        kind == .valuesDiffer ? "row \(key): \(columns.joined(separator: ", ")) differ" : "row \(key): \(kind.rawValue)"
    }
}

/// One table's verification outcome.
public struct TableVerificationReport: Sendable, Codable {
    public var table: QualifiedName
    public var sqliteName: String
    public var postgresRows = 0
    public var sqliteRows = 0
    /// Order-independent checksums of the canonical rows, one per side.
    public var postgresChecksum = ""
    public var sqliteChecksum = ""
    public var differingRows = 0
    /// Of the differing rows, those one side has and the other lacks.
    public var onlyInPostgresRows = 0
    public var onlyInSQLiteRows = 0
    /// Rows `--on-error=skip` set aside on purpose: the source side has them, the other not.
    public var rejectedRows = 0
    /// The first differences (up to the maximum asked for).
    public var differences: [RowDifference] = []

    /// Equal but for the rejected rows, which must be exactly the rows one side lacks.
    public var isEqual: Bool {
        guard rejectedRows > 0 else {
            return postgresRows == sqliteRows && postgresChecksum == sqliteChecksum && differingRows == 0
        }
        return abs(postgresRows - sqliteRows) == rejectedRows && differingRows == rejectedRows
            && (onlyInPostgresRows == rejectedRows || onlyInSQLiteRows == rejectedRows)
    }

    init(table: QualifiedName, sqliteName: String) {
        self.table = table
        self.sqliteName = sqliteName
    }
}
