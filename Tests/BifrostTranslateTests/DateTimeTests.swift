import BifrostIntrospection
import BifrostPostgres
import BifrostSQLite
import BifrostTestSupport
import BifrostTransfer
@testable import BifrostTranslate
import Foundation
import Testing

/// Runs date/time queries on PostgreSQL (UTC, IntervalStyle iso_8601) and their translations on
/// SQLite holding the same rows converted by Bifrost, and compares the answers: timestamptz
/// without PostgreSQL's `+00`, booleans as t/f, numbers as exact doubles.
private struct DateTimeComparison {
    let postgres: PostgresConnection
    let sqlite: SQLiteConnection
    let translator: Translator

    nonisolated(unsafe) private static var shared: Result<DateTimeComparison, Error>?
    private static let lock = NSLock()

    static func get() throws -> DateTimeComparison {
        lock.lock()
        defer { lock.unlock() }
        if shared == nil { shared = Result { try make() } }
        return try shared!.get()
    }

    private static func make() throws -> DateTimeComparison {
        let source = try SharedCluster.freshDatabase(prefix: "datetime")
        let setup = try PostgresConnection(source)
        _ = try setup.execute("""
            CREATE TABLE moments (id integer PRIMARY KEY, ts timestamptz, local timestamp, d date, t time, span interval, n integer);
            INSERT INTO moments VALUES
              (1, '2024-01-31 10:00:00+00', '2024-01-31 10:00:00', '2024-01-31', '10:00:00', '1 mon', 1),
              (2, '2024-02-29 23:59:59.999999+00', '2024-02-29 23:59:59.999999', '2024-02-29', '23:59:59.999999', '1 year 2 mons 3 days 04:05:06.5', 2),
              (3, '1969-12-31 23:59:59.5+00', '1969-12-31 23:59:59.5', '1969-12-31', '00:00:00.000001', '-1 day', -3),
              (4, 'infinity', 'infinity', 'infinity', '12:00', '-0.000001 sec', 0),
              (5, '-infinity', '-infinity', '-infinity', '00:00', '1 mon -1 day', 7),
              (6, NULL, NULL, NULL, NULL, NULL, NULL),
              (7, '2023-03-31 00:00:00.000001+00', '2023-03-31 00:00:00.000001', '2023-03-31', '23:00', '25 hours', 12),
              (8, '2020-12-31 13:45:10.123456+00', '2020-12-31 13:45:10.123456', '2021-01-03', '13:45:10.1', '999 days 23:59:59.999999', 100),
              (9, '0001-01-01 00:00:00+00', '0001-01-01 00:00:00', '0001-01-01', '06:00', '1 day -1 hour', 30),
              (10, '2024-12-30 08:00:00+00', '2024-12-30 08:00:00', '2027-01-01', '18:30', 'P1Y6M', 31);
            """)
        let directory = NSTemporaryDirectory() + "bifrost-datetime-\(UUID().uuidString).sqlite"
        _ = try PostgresToSQLite(source: source, destination: directory).run()
        let postgres = try PostgresConnection(source)
        _ = try postgres.execute("SET IntervalStyle = iso_8601; SET TimeZone = 'UTC'")
        return DateTimeComparison(postgres: postgres, sqlite: try SQLiteConnection(path: directory, mode: .readOnly),
                                  translator: Translator(schema: try PostgresSchemaReader(connection: postgres).read(schemas: ["public"])))
    }

    func compare(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let statement = try #require(try translator.translate(sql).statements.first)
        let result = try postgres.query(sql)
        let expected = result.rows.map { row in
            row.enumerated().map { index, value in Self.canonical(postgres: value, oid: result.columnType(index)) }
        }
        let actual = try sqlite.query(statement.sql).map { row in row.map(Self.canonical(sqlite:)) }
        #expect(actual == expected, "\(sql)\n→ \(statement.sql)", sourceLocation: sourceLocation)
    }

    func failsOnSQLite(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let statement = try #require(try translator.translate(sql).statements.first)
        #expect(throws: (any Error).self, sourceLocation: sourceLocation) { try sqlite.query(statement.sql) }
    }

    /// Fails on SQLite with an error whose text shows `message`.
    func failsOnSQLite(_ sql: String, showing message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let statement = try #require(try translator.translate(sql).statements.first)
        do {
            _ = try sqlite.query(statement.sql)
            Issue.record("expected a run-time error for \(sql)", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(message), "\(error)", sourceLocation: sourceLocation)
        }
    }

    func refuses(_ sql: String, code: String, mentioning words: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try translator.translate(sql)
            Issue.record("expected refusal \(code) for \(sql)", sourceLocation: sourceLocation)
        } catch let refusal as TranslationRefusal {
            #expect(refusal.diagnostic.code == code, "\(refusal)", sourceLocation: sourceLocation)
            #expect(words.isEmpty || "\(refusal)".contains(words), "\(refusal)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }

    private static func canonical(postgres value: String?, oid: UInt32) -> String {
        guard let value else { return "NULL" }
        switch oid {
        case 16: return value == "t" ? "1.0" : "0.0"
        case 1184: return value.hasSuffix("+00") ? String(value.dropLast(3)) : value
        case 20, 21, 23, 700, 701, 1700:
            switch value {
            case "Infinity": return "inf"
            case "-Infinity": return "-inf"
            default: return Double(value).map { "\($0)" } ?? value
            }
        default: return value
        }
    }

    private static func canonical(sqlite value: SQLiteValue) -> String {
        switch value {
        case .null: return "NULL"
        case let .integer(number): return "\(Double(number))"
        case let .real(number): return number.isInfinite ? (number > 0 ? "inf" : "-inf") : "\(number)"
        case let .text(text):
            switch text {
            case "Infinity": return "inf"
            case "-Infinity": return "-inf"
            default: return text
            }
        case let .blob(bytes): return bytes.map { String(format: "%02x", $0) }.joined()
        }
    }
}

@Suite(.serialized) struct DateTimeTests {
    private var db: DateTimeComparison { get throws { try DateTimeComparison.get() } }

    @Test func literals() throws {
        try db.compare("""
            SELECT timestamptz '2024-06-01 12:00:00+05:30', timestamptz '2024-06-01T12:00:00.120Z', timestamp '2024-06-01 12:00:00-0800',
                   timestamptz '2024-01-01 00:00:00.1234567+00', date '2024-02-29', time '24:00:00', timestamptz 'infinity', date '-infinity',
                   timestamp 'epoch', '2024-01-01 10:00 -03'::timestamptz, timestamp(0) '2024-01-01 10:00:00.5'
            """)
        try db.compare("""
            SELECT interval '1 hour', interval '30 days', interval '2 weeks', interval '1 day 02:00:00', interval '1 year 2 mons',
                   interval '-1 day', interval '90 minutes', interval '1.5 hours', interval 'P1DT2H', interval '@ 1 hour ago',
                   interval '1.5 days', interval '25 hours', interval '1.5 months', interval '1.1 years', interval '5', INTERVAL '1' HOUR,
                   interval '1 day 2:03:04.5' day to minute, interval '1-2', interval '-1:30', interval '1 day -1 hour', interval '0'
            """)
        try db.refuses("SELECT timestamptz '2024-01-01 10:00 Europe/Paris'", code: "invalid-literal")
        try db.refuses("SELECT interval 'soon'", code: "invalid-literal")
        try db.refuses("SELECT date '2023-02-29'", code: "invalid-literal")
    }

    @Test func currentTime() throws {
        try db.compare("""
            SELECT now() > '2024-01-01 00:00:00+00', CURRENT_TIMESTAMP = now(), transaction_timestamp() <= statement_timestamp(),
                   CURRENT_DATE > date '2024-06-01', LOCALTIMESTAMP <= now(), clock_timestamp() >= now() - interval '1 minute',
                   CURRENT_TIMESTAMP(0) <= now() + interval '1 second', now()::date = CURRENT_DATE, 'today'::date = CURRENT_DATE,
                   'now'::timestamptz <= clock_timestamp(), age(now()) <= interval '1 day'
            """)
        try db.refuses("SELECT CURRENT_TIME", code: "unsupported-function")
        try db.refuses("BEGIN; SELECT now(); SELECT now(); COMMIT", code: "now-per-statement")
    }

    @Test func timestampPlusInterval() throws {
        try db.compare("""
            SELECT id, ts + span, local - span, ts + interval '1 month', local + interval '1 mon 2 days 3 hours',
                   ts - interval '1 year', d + span, d - interval '1 month', span + ts, ts + interval '0.000001 sec'
            FROM moments WHERE id <> 9 ORDER BY id
            """)
        try db.compare("""
            SELECT timestamp '2024-01-31 10:00:00' + interval '1 month', timestamp '2024-02-29 12:00:00' + interval '1 year',
                   timestamptz '2024-03-31 00:00:00+00' - interval '1 month', date '2024-02-28' + 1, date '2024-02-28' + interval '1 day',
                   date '2024-03-01' - 1, 7 + date '2024-12-31', date '2024-01-01' + time '10:30'
            """)
        try db.failsOnSQLite("SELECT ts - interval '1 day' FROM moments WHERE id = 9")
    }

    @Test func differences() throws {
        try db.compare("""
            SELECT id, ts - timestamptz '2024-01-01 00:00:00+00', local - timestamp '2000-01-01 12:00', d - date '2024-01-01',
                   ts - d, t - time '12:00', t + interval '13 hours', t - interval '1 day 1 minute'
            FROM moments WHERE isfinite(ts) ORDER BY id
            """)
        try db.failsOnSQLite("SELECT ts - timestamptz '2024-01-01 00:00:00+00' FROM moments WHERE id = 4")
    }

    @Test func intervalArithmeticAndComparison() throws {
        try db.compare("""
            SELECT id, span + interval '1 day 1 hour', span - span, -span, span * 2, span * n, span * 1.5, span / 3, 0.5 * span,
                   span < interval '1 day', span = interval '24 hours', span >= interval '30 days', justify_interval(span),
                   justify_hours(span), justify_days(span)
            FROM moments ORDER BY id
            """)
        try db.compare("SELECT id, span FROM moments ORDER BY span DESC, id")
        try db.compare("SELECT interval '1 day' = interval '24 hours', interval '1 mon' > interval '29 days', interval '1 day' / 7, interval '1 mon' * 0.3")
    }

    @Test func comparisonsAndCasts() throws {
        try db.compare("""
            SELECT id, d = local, d < ts, ts::date, local::timestamptz, d::timestamp, ts::time, ts::text, ts::timestamp = local,
                   isfinite(ts), isfinite(span), ts AT TIME ZONE 'UTC', local AT TIME ZONE 'UTC'
            FROM moments ORDER BY id
            """)
        try db.compare("""
            SELECT '2024-01-01T10:00:00.500'::text::timestamptz, '2024-01-01'::text::timestamp, '2024-01-01 10:00:00+00'::text::timestamptz,
                   'PT1H30M'::text::interval, '2024-05-06 07:08:09'::text::date, '10:00:00.250'::text::time, 'infinity'::text::date
            """)
        try db.failsOnSQLite("SELECT 'next tuesday'::text::timestamptz")
        try db.failsOnSQLite("SELECT '90 minutes'::text::interval")
    }

    @Test func dateTrunc() throws {
        try db.compare("""
            SELECT id, date_trunc('microseconds', ts), date_trunc('milliseconds', ts), date_trunc('second', ts), date_trunc('minute', ts),
                   date_trunc('hour', ts), date_trunc('day', local), date_trunc('week', ts), date_trunc('month', ts), date_trunc('quarter', ts),
                   date_trunc('year', ts), date_trunc('decade', local), date_trunc('century', ts), date_trunc('millennium', ts),
                   date_trunc('day', d), date_trunc('hour', span), date_trunc('month', span), date_trunc('year', span)
            FROM moments WHERE id <> 9 ORDER BY id
            """)
    }

    @Test func extractAndDatePart() throws {
        try db.compare("""
            SELECT id, EXTRACT(YEAR FROM ts), EXTRACT(MONTH FROM ts), EXTRACT(DAY FROM ts), EXTRACT(HOUR FROM ts), EXTRACT(MINUTE FROM ts),
                   EXTRACT(SECOND FROM ts), EXTRACT(MILLISECONDS FROM ts), EXTRACT(MICROSECONDS FROM ts), EXTRACT(DOW FROM ts),
                   EXTRACT(ISODOW FROM ts), EXTRACT(DOY FROM ts), EXTRACT(WEEK FROM ts), EXTRACT(ISOYEAR FROM ts), EXTRACT(QUARTER FROM ts),
                   EXTRACT(EPOCH FROM ts), EXTRACT(DECADE FROM ts), EXTRACT(CENTURY FROM ts), EXTRACT(MILLENNIUM FROM ts),
                   date_part('epoch', local), date_part('year', d), date_part('hour', d), EXTRACT(EPOCH FROM d), EXTRACT(WEEK FROM d),
                   EXTRACT(EPOCH FROM span), EXTRACT(HOUR FROM span), EXTRACT(SECOND FROM span), EXTRACT(MONTH FROM span),
                   EXTRACT(HOUR FROM t), EXTRACT(EPOCH FROM t), date_part('second', t)
            FROM moments ORDER BY id
            """)
        try db.refuses("SELECT EXTRACT(HOUR FROM d) FROM moments", code: "unsupported-function")
    }

    @Test func age() throws {
        try db.compare("""
            SELECT id, age(timestamptz '2024-09-01 00:00:00+00', ts), age(ts, timestamptz '2024-03-31 12:00:00+00'),
                   age(local, timestamp '2023-02-28 13:00'), age(date '2024-06-01', d), age(d, date '2024-03-31')
            FROM moments WHERE isfinite(ts) ORDER BY id
            """)
        try db.failsOnSQLite("SELECT age(ts) FROM moments WHERE id = 4")
    }

    @Test func toChar() throws {
        try db.compare("""
            SELECT id, to_char(ts, 'YYYY-MM-DD HH24:MI:SS.US'), to_char(ts, 'FMMonth Dy, FMDD YYYY HH12:MI am "T"Q IW MS'),
                   to_char(local, 'Day DDD D J TZ YY'), to_char(ts, 'TZ MON mon FMMM ID WW W CC SSSS FF3 PM'),
                   to_char(d, 'DD/MM/YYYY DAY MONTH'), to_char(ts, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            FROM moments ORDER BY id
            """)
        try db.refuses("SELECT to_char(ts, 'DDth') FROM moments", code: "unsupported-function")
        try db.refuses("SELECT to_char(ts, 'RM') FROM moments", code: "unsupported-function")
    }

    @Test func constructors() throws {
        try db.compare("""
            SELECT id, make_interval(days => n), make_interval(hours => 1, mins => 30), make_interval(secs => 90.5),
                   make_interval(1, 2, 0, 3), make_interval(years => n, weeks => 2, secs => n * 0.25), ts - make_interval(mins => 10),
                   make_date(2024, 2, 29), make_timestamp(2024, 1, 31, 10, 5, 6.25), make_timestamptz(2024, 1, 31, 23, 59, 59.999999)
            FROM moments WHERE isfinite(ts) AND id <> 9 ORDER BY id
            """)
        try db.failsOnSQLite("SELECT make_date(2023, 2, 29)")
    }

    @Test func intervalAggregates() throws {
        try db.compare("SELECT sum(span), avg(span), min(span), max(span), count(span) FROM moments")
        try db.compare("""
            SELECT n > 5, sum(span), avg(span), max(span) FILTER (WHERE id > 2), min(span), sum(span) FILTER (WHERE id > 100)
            FROM moments GROUP BY n > 5 ORDER BY 1
            """)
        try db.compare("SELECT id, sum(span) OVER (ORDER BY id), max(span) OVER (ORDER BY id), min(span) OVER () FROM moments ORDER BY id")
        try db.compare("""
            SELECT id % 3, sum(span), sum(span) * 2, avg(span) + interval '1 hour' FROM moments
            GROUP BY 1 HAVING sum(span) > interval '1 day' ORDER BY sum(span) DESC
            """)
        try db.compare("SELECT sum(span), avg(span), max(span) FROM moments WHERE false")
        try db.refuses("SELECT sum(DISTINCT span) FROM moments", code: "unsupported-function")
        try db.refuses("SELECT avg(span) OVER () FROM moments", code: "unsupported-function")
    }

    @Test func generateSeriesOfTimestamps() throws {
        try db.compare("SELECT x FROM generate_series(timestamp '2024-01-31', timestamp '2024-06-01', interval '1 month') AS x")
        try db.compare("SELECT x FROM generate_series(date '2024-03-01', date '2024-02-26', interval '-1 day') AS x")
        try db.compare("SELECT x, n FROM generate_series('2024-01-01 00:00:00+00', '2024-01-01 02:00:00+00', interval '30 minutes') WITH ORDINALITY AS s(x, n)")
        try db.compare("""
            SELECT m.id, x FROM moments m CROSS JOIN LATERAL generate_series(m.local, m.local + interval '3 days', m.span) AS x
            WHERE m.id IN (1, 3, 7, 9) ORDER BY 1, 2
            """)
        try db.compare("SELECT m.id, x FROM moments m, generate_series(m.ts, m.ts + interval '2 months', m.span * 2) AS x WHERE m.id = 1 ORDER BY 2")
        try db.compare("SELECT count(*) FROM generate_series(timestamp '2024-01-01', timestamp '2024-01-02', NULL::interval)")
        try db.compare("SELECT count(*) FROM generate_series(1, 5, NULL::integer)")
        try db.refuses("SELECT * FROM generate_series(timestamp '2024-01-01', timestamp '2024-01-02', interval '1 mon -30 days')", code: "invalid-literal")
        try db.failsOnSQLite("SELECT x FROM moments, generate_series(local, local, span - span) AS x WHERE id = 1",
                             showing: "bifrost: step size cannot equal zero")
    }

    @Test func intervalsCompareByValueInCoreConstructs() throws {
        try db.compare("""
            SELECT id, span BETWEEN interval '24 hours' AND interval '30 days', span IN (interval '30 days', interval '1 day 1 hour'),
                   span IS DISTINCT FROM interval '30 days', span IS NOT DISTINCT FROM interval '720 hours', NULLIF(span, interval '720 hours'),
                   CASE span WHEN interval '30 days' THEN 'month' WHEN interval '1 day 1 hour' THEN 'day+' ELSE 'other' END,
                   span = ANY (ARRAY[interval '30 days', interval '-24 hours']), span <> ALL (ARRAY[interval '30 days']),
                   GREATEST(span, interval '30 days'), LEAST(span, interval '30 days', NULL), span NOT IN (interval '720 hours', NULL)
            FROM moments ORDER BY id
            """)
        try db.compare("""
            SELECT GREATEST(interval '24 hours', interval '1 day'), LEAST(interval '1 day', interval '24 hours'),
                   GREATEST(NULL::interval, NULL), interval '1 day' IN (interval '24 hours')
            """)
    }

    @Test func toCharTranslationModeAndNumbers() throws {
        try db.compare(#"""
            SELECT id, to_char(ts, 'TMMonth|TMDay|TMMon|TMDy|TMMONTH|tmday|FMTMDay|TMFMMonth|FM"x"MM|\YYYY|TMHH24|FXYYYY')
            FROM moments ORDER BY id
            """#)
        try db.refuses("SELECT to_char(n, 'RN') FROM moments", code: "unsupported-function", mentioning: "to_char")
        try db.refuses("SELECT to_char(n::numeric, '999D9') FROM moments", code: "unsupported-function", mentioning: "to_char")
    }

    @Test func runtimeFailuresShowTheirMessage() throws {
        try db.failsOnSQLite("SELECT make_date(2023, 2, 29)", showing: "bifrost: date field value out of range")
        try db.failsOnSQLite("SELECT ts - interval '1 day' FROM moments WHERE id = 9", showing: "bifrost: timestamp")
    }
}
