import BifrostIntrospection
import BifrostPostgres
import BifrostSQLite
import BifrostSchema
import BifrostTestSupport
import BifrostTransfer
import BifrostTranslate
import Foundation
import Testing

/// The semantic corpus: every statement of `Corpus/NN-*.sql` runs on PostgreSQL and,
/// translated, on SQLite holding the same data converted by Bifrost; the answers must agree
/// (in order where the case says so, as multisets otherwise; DML by RETURNING rows and the
/// table's state afterwards), or the translation must be refused as the case expects.
///
/// `BIFROST_CORPUS_REPORT=<directory>` also writes one `<file>.tsv` per corpus file there
/// (case, status, one-line reason); `BIFROST_CORPUS_TRACE=<case>,…` prints those cases'
/// translations and answers.
@Suite struct CorpusTests {
    @Test func corpusIsWellFormed() throws {
        #expect(!CorpusFile.names.isEmpty, "no corpus files in \(CorpusFile.directory)")
        let files = try CorpusFile.loadAll()
        let cases = files.flatMap(\.cases)
        #expect(cases.count >= 150, "the corpus has \(cases.count) statements")
        var seen: [String: String] = [:]
        for testCase in cases {
            if let other = seen[testCase.name] {
                Issue.record("case name \(testCase.name) is used twice (\(other) and \(testCase.file):\(testCase.line))")
            }
            seen[testCase.name] = "\(testCase.file):\(testCase.line)"
            if let refusal = testCase.refusal {
                #expect(Self.refusalCodes.contains(refusal.code), "\(testCase): unknown refusal code \(refusal.code)")
                #expect(testCase.dmlTable == nil && testCase.order == nil, "\(testCase): a refusal case runs nowhere")
            }
        }
        let refusals = cases.filter { $0.refusal != nil }.count
        #expect(refusals * 100 / cases.count <= 15, "\(refusals) of \(cases.count) cases are refusals")
        #expect(FileManager.default.fileExists(atPath: CorpusFile.extraDataPath))
    }

    /// The translator's refusal codes the corpus expects (a typo in a case fails here).
    static let refusalCodes: Set<String> = [
        "unsupported-function", "unsupported-regex", "unsupported-syntax", "unsupported-cast",
        "unknown-column", "unknown-table", "runtime-interval", "text-collation", "numeric-precision",
        "invalid-literal",
    ]

    /// The corpus itself is valid for the fixture: every non-refusal statement runs on
    /// PostgreSQL (without the translator), so a failure elsewhere is the translation's.
    @Test func everyCaseRunsOnPostgreSQL() throws {
        let environment = try CorpusEnvironment.shared.get()
        let postgres = try environment.postgresConnection()
        var failures: [String] = []
        for testCase in try CorpusFile.loadAll().flatMap(\.cases) where testCase.refusal == nil {
            do {
                let answer = try CorpusRunner.runOnPostgres(testCase, parameters: testCase.parameters.map(CorpusRunner.postgresText),
                                                            postgres: postgres, environment: environment)
                if answer.rows.isEmpty {
                    failures.append("\(testCase): returns no rows (a case should have something to compare)")
                }
            } catch {
                failures.append("\(testCase): \(error)")
            }
        }
        #expect(failures.isEmpty, "corpus statements that do not fit the fixture:\n\(failures.joined(separator: "\n"))")
    }

    @Test("corpus file", arguments: CorpusFile.names)
    func corpusFile(_ name: String) throws {
        let file = try CorpusFile.load(name)
        let environment = try CorpusEnvironment.shared.get()
        let runner = try CorpusRunner(environment: environment)
        var report: [String] = []
        var failed = 0
        for testCase in file.cases {
            if let failure = runner.run(testCase) {
                failed += 1
                Issue.record(Comment(rawValue: failure))
                report.append("\(testCase.name)\tfail\t\(failure.split(separator: "\n").dropFirst().first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "")")
            } else {
                report.append("\(testCase.name)\tpass\t")
            }
        }
        print("corpus \(name): \(file.cases.count - failed) of \(file.cases.count) passed")
        if let directory = ProcessInfo.processInfo.environment["BIFROST_CORPUS_REPORT"] {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try? report.joined(separator: "\n").appending("\n")
                .write(toFile: "\(directory)/\(name).tsv", atomically: true, encoding: .utf8)
        }
    }
}

/// What every corpus test shares, set up once per test process: a PostgreSQL database with
/// SampleData/authly plus `Corpus/extra-data.sql`, the same data converted to a SQLite file,
/// the schema model, and PostgreSQL's type catalog (to compare state by the real types).
final class CorpusEnvironment: Sendable {
    let source: ConnectionString
    let sqliteTemplate: String
    let directory: String
    let schema: Schema
    let collation: String?
    /// Every pg_type OID with the comparison kind of its values.
    let kindsByOID: [UInt32: ValueKind]
    /// (table, column) of identity and serial columns, whose sequences DML cases reset.
    let sequenceColumns: [(table: String, column: String)]

    static let shared: Result<CorpusEnvironment, any Error> = Result { try CorpusEnvironment() }

    private init() throws {
        source = try SharedCluster.authlyDatabase()
        let postgres = try PostgresConnection(source)
        try postgres.execute(try String(contentsOfFile: CorpusFile.extraDataPath, encoding: .utf8))

        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("bifrost-corpus-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        CorpusEnvironment.directoryToRemove = directory
        atexit { CorpusEnvironment.removeDirectory() }
        sqliteTemplate = directory + "/authly.sqlite"
        _ = try PostgresToSQLite(source: source, destination: sqliteTemplate).run()

        schema = try PostgresSchemaReader(connection: postgres).read(schemas: ["public"])
        collation = try postgres.query("SELECT datcollate FROM pg_database WHERE datname = current_database()").rows.first?[0] ?? nil

        var types: [UInt32: (name: String, type: String, element: UInt32, base: UInt32, category: String)] = [:]
        for row in try postgres.query("SELECT oid::int8, typname, typtype, typelem::int8, typbasetype::int8, typcategory FROM pg_type").rows {
            guard let oid = row[0].flatMap({ UInt32($0) }) else { continue }
            types[oid] = (row[1] ?? "", row[2] ?? "", row[3].flatMap { UInt32($0) } ?? 0,
                          row[4].flatMap { UInt32($0) } ?? 0, row[5] ?? "")
        }
        let userTypes = schema.types
        func kind(_ oid: UInt32, depth: Int = 0) -> ValueKind {
            guard let type = types[oid], depth < 10 else { return .unknown }
            if type.type == "d" { return kind(type.base, depth: depth + 1) }
            if type.type == "e" { return .text }
            if type.category == "A", type.element != 0 { return .array(kind(type.element, depth: depth + 1)) }
            return ValueKind.forTypeName(type.name, types: userTypes)
        }
        kindsByOID = Dictionary(uniqueKeysWithValues: types.keys.map { ($0, kind($0)) })
        sequenceColumns = schema.tables.flatMap { table in
            table.columns.filter { $0.identity != nil || $0.serialSequence != nil }.map { (table.name.name, $0.name) }
        }
    }

    func postgresConnection() throws -> PostgresConnection {
        let connection = try PostgresConnection(source)
        // PostgresConnection already sets these; the comparison depends on them, so say so here too.
        try connection.execute("SET TimeZone = 'UTC'; SET IntervalStyle = 'iso_8601'; SET statement_timeout = '20s'")
        return connection
    }

    func kind(oid: UInt32) -> ValueKind { kindsByOID[oid] ?? .unknown }

    nonisolated(unsafe) private static var directoryToRemove: String?

    private static func removeDirectory() {
        if let directory = directoryToRemove { try? FileManager.default.removeItem(atPath: directory) }
    }
}

/// Runs corpus cases on one PostgreSQL connection and one private copy of the SQLite file.
final class CorpusRunner {
    let environment: CorpusEnvironment
    let postgres: PostgresConnection
    let sqlite: SQLiteConnection

    init(environment: CorpusEnvironment) throws {
        self.environment = environment
        postgres = try environment.postgresConnection()
        let path = environment.directory + "/\(UUID().uuidString).sqlite"
        try FileManager.default.copyItem(atPath: environment.sqliteTemplate, toPath: path)
        sqlite = try SQLiteConnection(path: path)
        try sqlite.execute("PRAGMA foreign_keys = ON")
    }

    /// What one side answered: the rows with each column's comparison kind, and for DML the
    /// table's state afterwards.
    struct PostgresAnswer {
        var rows: [[String?]]
        var columnNames: [String]
        var kinds: [ValueKind]
        var state: (rows: [[String?]], names: [String], kinds: [ValueKind])?
    }

    /// nil when the case passes; otherwise the failure message.
    func run(_ testCase: CorpusCase) -> String? {
        var header = "\(testCase.file):\(testCase.line) \(testCase.name)"
        func failure(_ reason: String, translated: String? = nil, detail: String? = nil) -> String {
            var message = "\(header)\n  \(reason)\n  PostgreSQL SQL:\n\(Self.indent(testCase.sql))"
            if let translated { message += "\n  SQLite SQL:\n\(Self.indent(Self.abbreviated(translated)))" }
            if !testCase.parameters.isEmpty { message += "\n  parameters: \(testCase.parameters.map(Self.describe).joined(separator: ", "))" }
            if let detail { message += "\n  " + detail }
            return message
        }

        let translator = Translator(schema: environment.schema,
                                    options: TranslationOptions(allowed: testCase.allowed, databaseCollation: environment.collation))
        let translation: Translation
        do {
            translation = try translator.translate(testCase.sql)
        } catch let refusal as TranslationRefusal {
            let diagnostic = refusal.diagnostic
            guard let expected = testCase.refusal else {
                return failure("refused unexpectedly: [\(diagnostic.code)] \(diagnostic.message) at \(diagnostic.line):\(diagnostic.column)")
            }
            if diagnostic.code != expected.code || !diagnostic.message.lowercased().contains(expected.message.lowercased()) {
                return failure("refused with [\(diagnostic.code)] \(diagnostic.message.debugDescription), expected [\(expected.code)] with a message containing \(expected.message.debugDescription)")
            }
            if diagnostic.line < 1 || diagnostic.column < 1 {
                return failure("refusal [\(diagnostic.code)] \(diagnostic.message) has no source position (line \(diagnostic.line), column \(diagnostic.column))")
            }
            return nil
        } catch {
            return failure("translation failed: \(error)")
        }
        let translatedSQL = translation.statements.map(\.sql).joined(separator: ";\n")
        if !translation.warnings.isEmpty {
            header += " (warnings: \(translation.warnings.map(\.description).joined(separator: "; ")))"
        }
        if let expected = testCase.refusal {
            return failure("expected a refusal [\(expected.code)] \(expected.message.debugDescription), but it was translated", translated: translatedSQL)
        }
        guard translation.statements.count == 1, let statement = translation.statements.first else {
            return failure("expected one translated statement, got \(translation.statements.count)", translated: translatedSQL)
        }

        let postgresAnswer: PostgresAnswer
        do {
            postgresAnswer = try Self.runOnPostgres(testCase, parameters: testCase.parameters.map(Self.postgresText),
                                                    postgres: postgres, environment: environment)
        } catch {
            return failure("the corpus statement fails on PostgreSQL (fix the corpus): \(error)", translated: statement.sql)
        }

        let sqliteRows: [[SQLiteValue]]
        let sqliteState: [[SQLiteValue]]?
        do {
            let parameters = sqliteParameters(testCase.parameters, types: statement.parameterTypes)
            (sqliteRows, sqliteState) = try runOnSQLite(statement.sql, parameters: parameters, dmlTable: testCase.dmlTable)
        } catch {
            if let expected = testCase.runtimeError, "\(error)".contains(expected) { return nil }
            return failure("SQLite error: \(error)", translated: statement.sql)
        }
        if let expected = testCase.runtimeError {
            return failure("expected SQLite to stop with \(expected.debugDescription), but it answered", translated: statement.sql)
        }

        // Result columns: the translation's declared types choose the comparison.
        let declared = statement.resultColumns
        if declared.count != postgresAnswer.kinds.count {
            return failure("the translation declares \(declared.count) result columns, PostgreSQL returns \(postgresAnswer.kinds.count)",
                           translated: statement.sql)
        }
        if let width = sqliteRows.first?.count, width != declared.count {
            return failure("SQLite returns \(width) columns, PostgreSQL \(declared.count)", translated: statement.sql)
        }
        var kinds: [ValueKind] = []
        for (index, column) in declared.enumerated() {
            let kind = ValueKind.forTypeName(column.type, types: environment.schema.types)
            let actual = postgresAnswer.kinds[index]
            if kind != .unknown, actual != .unknown, kind.family != actual.family {
                return failure("result column \(index + 1) (\(postgresAnswer.columnNames[index])): the translation says type \(column.type ?? "nil") (\(kind.family)), PostgreSQL returns \(actual.family)",
                               translated: statement.sql)
            }
            kinds.append(kind)
        }
        let ordered = testCase.order == .ordered
        if Self.traced(testCase) {
            print("\(header)\n  SQLite SQL: \(Self.abbreviated(statement.sql))"
                + "\n  columns: \(declared.map { "\($0.name): \($0.type ?? "nil")" }.joined(separator: ", "))"
                + "\n  PostgreSQL rows: \(postgresAnswer.rows.map { $0.map { $0 ?? "NULL" } })"
                + "\n  SQLite rows:     \(sqliteRows.map { $0.map(ValueKind.display) })")
        }
        if let difference = ResultComparison(kinds: kinds, postgresRows: postgresAnswer.rows, sqliteRows: sqliteRows,
                                             ordered: ordered, names: postgresAnswer.columnNames).difference() {
            let types = declared.map { "\($0.name): \($0.type ?? "nil")" }.joined(separator: ", ")
            return failure("different answers (\(ordered ? "ordered" : "as multisets"); columns \(types))",
                           translated: statement.sql, detail: difference)
        }
        if let table = testCase.dmlTable, let state = postgresAnswer.state, let sqliteState {
            if let difference = ResultComparison(kinds: state.kinds, postgresRows: state.rows, sqliteRows: sqliteState,
                                                 ordered: false, names: state.names).difference() {
                return failure("different state of \(table.name) afterwards", translated: statement.sql, detail: difference)
            }
        }
        return nil
    }

    /// `BIFROST_CORPUS_TRACE=<case name>[,<case name>…]` (or `*`) prints each traced case's
    /// translation and both answers.
    static func traced(_ testCase: CorpusCase) -> Bool {
        guard let names = ProcessInfo.processInfo.environment["BIFROST_CORPUS_TRACE"] else { return false }
        return names == "*" || names.split(separator: ",").contains { $0 == testCase.name }
    }

    // MARK: - PostgreSQL

    static func runOnPostgres(_ testCase: CorpusCase, parameters: [String?], postgres: PostgresConnection,
                              environment: CorpusEnvironment) throws -> PostgresAnswer {
        try postgres.execute("BEGIN")
        defer { _ = try? postgres.execute("ROLLBACK") }
        if testCase.dmlTable != nil {
            // Sequences ignore ROLLBACK: start each DML case from the rows' maximum, as SQLite does.
            for (table, column) in environment.sequenceColumns {
                let quotedTable = PostgresConnection.quoteIdentifier(table)
                let quotedColumn = PostgresConnection.quoteIdentifier(column)
                try postgres.query("""
                    SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(\(quotedColumn)), 0) + 1, false)
                    FROM \(quotedTable)
                    """, [quotedTable, column])
            }
        }
        let result = try postgres.query(testCase.sql, parameters)
        var answer = PostgresAnswer(
            rows: result.rows,
            columnNames: (0..<result.columnCount).map(result.columnName),
            kinds: (0..<result.columnCount).map { environment.kind(oid: result.columnType($0)) })
        if let table = testCase.dmlTable {
            let state = try postgres.query(stateQuery(table, environment: environment, quote: PostgresConnection.quoteIdentifier))
            answer.state = (state.rows, (0..<state.columnCount).map(state.columnName),
                            (0..<state.columnCount).map { environment.kind(oid: state.columnType($0)) })
        }
        return answer
    }

    static func stateQuery(_ table: CorpusCase.DMLTable, environment: CorpusEnvironment, quote: (String) -> String) -> String {
        let columns = table.columns
            ?? environment.schema.tables.first { $0.name.name == table.name }?.columns.map(\.name)
            ?? ["*"]
        return "SELECT \(columns.map { $0 == "*" ? $0 : quote($0) }.joined(separator: ", ")) FROM \(quote(table.name))"
    }

    static func postgresText(_ parameter: CorpusCase.Parameter) -> String? {
        switch parameter {
        case .null: nil
        case let .text(text): text
        case let .integer(_, literal), let .real(_, literal): literal
        case let .boolean(flag): flag ? "true" : "false"
        }
    }

    // MARK: - SQLite

    private func runOnSQLite(_ sql: String, parameters: [SQLiteValue], dmlTable: CorpusCase.DMLTable?) throws
        -> ([[SQLiteValue]], [[SQLiteValue]]?) {
        try sqlite.execute("SAVEPOINT corpus_case")
        defer {
            try? sqlite.execute("ROLLBACK TO corpus_case")
            try? sqlite.execute("RELEASE corpus_case")
        }
        var rows: [[SQLiteValue]] = []
        do {
            let statement = try sqlite.prepare(sql)
            defer { statement.reset() }
            try statement.bind(parameters)
            while try statement.step() {
                rows.append((0..<statement.columnCount).map { statement.value(at: $0) })
            }
        }
        guard let dmlTable else { return (rows, nil) }
        let state = try sqlite.query(Self.stateQuery(dmlTable, environment: environment, quote: SQLiteConnection.quoteIdentifier))
        return (rows, state)
    }

    /// SQLite parameters: in the storage form of the type the translator inferred for each
    /// (`parameterTypes`; the value is normalised by PostgreSQL's own input function, then
    /// stored as Bifrost stores that type), else as the JSON value itself.
    private func sqliteParameters(_ parameters: [CorpusCase.Parameter], types: [Int: String]) -> [SQLiteValue] {
        parameters.enumerated().map { index, parameter in
            if case .null = parameter { return .null }
            if let type = types[index + 1], let stored = storageValue(parameter, type: type) { return stored }
            switch parameter {
            case .null: return .null
            case let .text(text): return .text(text)
            case let .integer(number, _): return .integer(number)
            case let .real(number, _): return .real(number)
            case let .boolean(flag): return .integer(flag ? 1 : 0)
            }
        }
    }

    private func storageValue(_ parameter: CorpusCase.Parameter, type: String) -> SQLiteValue? {
        let kind = ValueKind.forTypeName(type, types: environment.schema.types)
        guard kind != .unknown, kind != .json, let input = Self.postgresText(parameter),
              let text = try? postgres.query("SELECT $1::\(type)", [input]).rows.first?[0] else { return nil }
        switch kind {
        case .boolean: return .integer(text == "t" ? 1 : 0)
        case .integer: return Int64(text).map(SQLiteValue.integer)
        case .number: return Self.numericStorage(text)
        case .text: return .text(text)
        case .timestamp: return .text(ValueKind.withoutUTCSuffix(text))
        case .bytea: return Self.bytes(hex: text).map(SQLiteValue.blob)
        case let .array(element):
            guard let literal = try? PostgresArrayText.parse(text) else { return nil }
            return .text(Self.jsonArray(literal, element: element))
        case .json, .unknown: return nil
        }
    }

    /// numeric/float storage: INTEGER when integral, REAL when the double round-trips, else TEXT.
    static func numericStorage(_ text: String) -> SQLiteValue {
        if let integer = Int64(text) { return .integer(integer) }
        guard let number = Double(text), number.isFinite else { return .text(text) }
        var trimmed = text
        if trimmed.contains("."), !trimmed.contains("e"), !trimmed.contains("E") {
            while trimmed.hasSuffix("0") { trimmed.removeLast() }
            if trimmed.hasSuffix(".") { trimmed.removeLast() }
            if let integer = Int64(trimmed) { return .integer(integer) }
        }
        return "\(number)" == trimmed || String(format: "%.17g", number) == trimmed ? .real(number) : .text(text)
    }

    static func bytes(hex text: String) -> [UInt8]? {
        guard text.hasPrefix("\\x") else { return nil }
        let digits = Array(text.dropFirst(2).utf8)
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).compactMap {
            UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)
        }
    }

    static func jsonArray(_ literal: PostgresArrayText, element: ValueKind) -> String {
        switch literal {
        case .null: return "null"
        case let .array(items): return "[" + items.map { jsonArray($0, element: element) }.joined(separator: ",") + "]"
        case let .element(text):
            switch element {
            case .boolean: return text == "t" ? "true" : "false"
            case .integer, .number: return Double(text) != nil && !text.contains("Infinity") && text != "NaN" ? text : jsonString(text)
            case .timestamp: return jsonString(ValueKind.withoutUTCSuffix(text))
            default: return jsonString(text)
            }
        }
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: - Messages

    /// Very long SQL (generated lookup tables …) shortened for messages.
    static func abbreviated(_ text: String, limit: Int = 4000) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit * 3 / 4)) + " … [\(text.count - limit) characters omitted] … " + String(text.suffix(limit / 4))
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }

    static func describe(_ parameter: CorpusCase.Parameter) -> String {
        switch parameter {
        case .null: "NULL"
        case let .text(text): text.debugDescription
        case let .integer(_, literal), let .real(_, literal): literal
        case let .boolean(flag): flag ? "true" : "false"
        }
    }
}

/// Runs corpus-format cases written inline in a test (the themed suites' semantic checks):
/// each must pass exactly as a case of a `Corpus/*.sql` file would.
func runCorpusCases(_ text: String, file: String, sourceLocation: SourceLocation) throws {
    let cases = try CorpusFile.parse(text, file: file).cases
    let runner = try CorpusRunner(environment: try CorpusEnvironment.shared.get())
    for testCase in cases {
        if let failure = runner.run(testCase) {
            Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
        }
    }
}
