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

    /// Checksums both sides in their natural order first (a sequential scan each); only when
    /// they differ are both sides read again in key order to name the differing rows.
    func run() throws -> TableVerificationReport {
        var report = TableVerificationReport(table: mapping.table.name, sqliteName: mapping.sqliteName)
        var postgresSum = RowChecksum()
        try postgres.copyOut(postgresQuery(orderedBy: [])) { line in
            postgresSum.add(try canonicalPostgresRow(line))
            report.postgresRows += 1
        }
        var sqliteSum = RowChecksum()
        let stored = try sqlite.prepare(sqliteQuery(orderedBy: []))
        while let row = try nextSQLiteRow(stored) {
            sqliteSum.add(row)
            report.sqliteRows += 1
        }
        report.postgresChecksum = postgresSum.hex
        report.sqliteChecksum = sqliteSum.hex
        return report.isEqual ? report : try compareInKeyOrder()
    }

    private func canonicalPostgresRow(_ line: UnsafeRawBufferPointer) throws -> [String] {
        try zip(CopyTextParser.fields(line), mapping.columns).map { try CanonicalForm.fromPostgres($0, $1) }
    }

    private func sqliteQuery(orderedBy keyIndexes: [Int]) -> String {
        let columns = mapping.columns
        var sql = "SELECT \(columns.map { SQLiteConnection.quoteIdentifier($0.column.name) }.joined(separator: ", ")) FROM \(SQLiteConnection.quoteIdentifier(mapping.sqliteName))"
        if !keyIndexes.isEmpty {
            sql += " ORDER BY " + keyIndexes.map { SQLiteConnection.quoteIdentifier(columns[$0].column.name) }.joined(separator: ", ")
        }
        return sql
    }

    /// Both sides in key order, merged, so rows present on one side only and rows whose
    /// values differ are named by their key.
    private func compareInKeyOrder() throws -> TableVerificationReport {
        let columns = mapping.columns
        let keyNames = mapping.table.primaryKey?.columns ?? columns.map(\.column.name)
        let keyIndexes = keyNames.compactMap { name in columns.firstIndex { $0.column.name == name } }
        let sqliteRows = try sqlite.prepare(sqliteQuery(orderedBy: keyIndexes))
        var report = TableVerificationReport(table: mapping.table.name, sqliteName: mapping.sqliteName)
        var postgresSum = RowChecksum()
        var sqliteSum = RowChecksum()
        var pendingSQLite: [String]? = try nextSQLiteRow(sqliteRows)

        func record(_ difference: RowDifference) {
            report.differingRows += 1
            if report.differences.count < maxDifferences { report.differences.append(difference) }
        }
        func key(_ row: [String]) -> String {
            zip(keyIndexes.map { columns[$0].column.name }, keyIndexes.map { row[$0] })
                .map { "\($0)=\($1 == CanonicalForm.null ? "NULL" : $1)" }.joined(separator: ", ")
        }
        func consumeSQLite(_ row: [String]) throws {
            sqliteSum.add(row)
            report.sqliteRows += 1
            pendingSQLite = try nextSQLiteRow(sqliteRows)
        }

        try postgres.copyOut(postgresQuery(orderedBy: keyIndexes)) { line in
            let row = try canonicalPostgresRow(line)
            postgresSum.add(row)
            report.postgresRows += 1
            // Rows only SQLite has, ordered before this one.
            while let stored = pendingSQLite, Self.compareKeys(stored, row, keyIndexes) == .orderedAscending {
                record(RowDifference(key: key(stored), columns: [], kind: .onlyInSQLite))
                try consumeSQLite(stored)
            }
            guard let stored = pendingSQLite, Self.compareKeys(stored, row, keyIndexes) == .orderedSame else {
                record(RowDifference(key: key(row), columns: [], kind: .onlyInPostgres))
                return
            }
            let differing = columns.indices.filter { stored[$0] != row[$0] }.map { columns[$0].column.name }
            if !differing.isEmpty { record(RowDifference(key: key(row), columns: differing, kind: .valuesDiffer)) }
            try consumeSQLite(stored)
        }
        while let stored = pendingSQLite {
            record(RowDifference(key: key(stored), columns: [], kind: .onlyInSQLite))
            try consumeSQLite(stored)
        }
        report.postgresChecksum = postgresSum.hex
        report.sqliteChecksum = sqliteSum.hex
        return report
    }

    private func nextSQLiteRow(_ statement: SQLiteStatement) throws -> [String]? {
        guard try statement.step() else { return nil }
        return try mapping.columns.indices.map { try CanonicalForm.fromSQLite(statement.value(at: $0), mapping.columns[$0]) }
    }

    /// PostgreSQL's text output of every column, ordered (when keys are given) like SQLite
    /// orders the stored keys: text keys by bytes (`COLLATE "C"`).
    private func postgresQuery(orderedBy keyIndexes: [Int]) -> String {
        let columns = mapping.columns
        let order = keyIndexes.map { index -> String in
            let quoted = PostgresConnection.quoteIdentifier(columns[index].column.name)
            return columns[index].codec.declaredType == "TEXT" ? "\(quoted)::text COLLATE \"C\"" : quoted
        }
        let orderBy = order.isEmpty ? "" : " ORDER BY \(order.joined(separator: ", "))"
        return """
            COPY (SELECT \(columns.map(CanonicalForm.postgresExpression).joined(separator: ", "))
                  FROM \(mapping.postgresRowSource)\(orderBy)) TO STDOUT
            """
    }

    /// Key order as both databases sort: integers by value, everything else by bytes.
    static func compareKeys(_ left: [String], _ right: [String], _ keyIndexes: [Int]) -> ComparisonResult {
        for index in keyIndexes {
            let (a, b) = (left[index], right[index])
            if a == b { continue }
            if let x = Int64(a), let y = Int64(b) { return x < y ? .orderedAscending : .orderedDescending }
            return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) ? .orderedAscending : .orderedDescending
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
    /// The first differences (up to the maximum asked for).
    public var differences: [RowDifference] = []

    public var isEqual: Bool {
        postgresRows == sqliteRows && postgresChecksum == sqliteChecksum && differingRows == 0
    }

    init(table: QualifiedName, sqliteName: String) {
        self.table = table
        self.sqliteName = sqliteName
    }
}

/// A multiset checksum: the wrapping sum of 64-bit FNV-1a hashes of rows, so row order
/// does not matter but every value does.
struct RowChecksum {
    private var sum: UInt64 = 0

    mutating func add(_ row: [String]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for field in row {
            for byte in field.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            hash ^= 0xFF  // field separator that no UTF-8 text contains
            hash = hash &* 0x0000_0100_0000_01B3
        }
        sum = sum &+ hash
    }

    var hex: String {
        let digits = String(sum, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
