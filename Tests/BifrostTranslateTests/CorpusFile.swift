import BifrostTestSupport
import Foundation

/// One statement of the semantic corpus (`Corpus/*.sql`) with its directives.
///
/// Format (see `Corpus/README.md`): a case starts at `-- case: <name>`; directive comments
/// follow directly (`-- order:`, `-- params:`, `-- refuse:`, `-- runtime-error:`, `-- allow:`, `-- dml-table:`);
/// then one statement, ending with `;`, up to the next `-- case:`.
struct CorpusCase: Sendable, CustomStringConvertible {
    enum Order: String, Sendable {
        case ordered
        case unordered
    }

    /// A parameter value from the `params` JSON array.
    enum Parameter: Sendable, Equatable {
        case null
        case text(String)
        /// A JSON number written without fraction or exponent.
        case integer(Int64, literal: String)
        case real(Double, literal: String)
        case boolean(Bool)
    }

    struct Refusal: Sendable {
        var code: String
        /// Must occur in the refusal's message (compared case-insensitively).
        var message: String
    }

    /// The table whose state a DML case compares afterwards; `columns` nil means all.
    struct DMLTable: Sendable {
        var name: String
        var columns: [String]?
    }

    var file: String
    var name: String
    /// Line of the `-- case:` comment.
    var line: Int
    var sql: String
    var order: Order?
    var parameters: [Parameter] = []
    var refusal: Refusal?
    /// The translation runs, but SQLite must stop with an error holding this text (a value
    /// only known at run time that SQLite cannot answer for exactly).
    var runtimeError: String?
    var allowed: Set<String> = []
    var dmlTable: DMLTable?

    var description: String { "\(file):\(line) \(name)" }
}

/// A parse error in a corpus file, with its position.
struct CorpusFormatError: Error, CustomStringConvertible {
    var file: String
    var line: Int
    var message: String
    var description: String { "\(file):\(line): \(message)" }
}

/// A corpus file: a theme's cases in order.
struct CorpusFile: Sendable {
    var name: String
    var cases: [CorpusCase]

    /// Tests/BifrostTranslateTests/Corpus in the repository.
    static let directory: String = SampleData.repositoryRoot
        .appendingPathComponent("Tests/BifrostTranslateTests/Corpus").path

    /// Rows loaded after SampleData/authly/fixture.sql.
    static var extraDataPath: String { directory + "/extra-data.sql" }

    /// The themed case files (`NN-*.sql`), in name order; empty when the directory is unreadable
    /// (the well-formedness test reports that).
    static let names: [String] = {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter { $0.hasSuffix(".sql") && $0.first?.isNumber == true }.sorted()
    }()

    static func load(_ name: String) throws -> CorpusFile {
        let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        return try parse(text, file: name)
    }

    static func loadAll() throws -> [CorpusFile] {
        try names.map(load)
    }

    static func parse(_ text: String, file: String) throws -> CorpusFile {
        var cases: [CorpusCase] = []
        var current: CorpusCase?
        var body: [String] = []
        var inDirectives = false

        func finish() throws {
            guard var finished = current else { return }
            var sql = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            guard sql.hasSuffix(";") else {
                throw CorpusFormatError(file: file, line: finished.line, message: "case \(finished.name): the statement must end with ';'")
            }
            sql.removeLast()
            finished.sql = sql.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !finished.sql.isEmpty else {
                throw CorpusFormatError(file: file, line: finished.line, message: "case \(finished.name) has no statement")
            }
            if finished.refusal == nil && finished.order == nil {
                throw CorpusFormatError(file: file, line: finished.line, message: "case \(finished.name) needs '-- order: ordered|unordered'")
            }
            cases.append(finished)
        }

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            let lineNumber = index + 1
            if let name = directive("case", in: line) {
                try finish()
                guard !name.isEmpty, !name.contains(" ") else {
                    throw CorpusFormatError(file: file, line: lineNumber, message: "a case name is one word")
                }
                current = CorpusCase(file: file, name: name, line: lineNumber, sql: "")
                body = []
                inDirectives = true
                continue
            }
            guard current != nil else { continue } // the file's header comment
            if inDirectives, case let (key, value)? = keyValue(line) {
                try apply(key: key, value: value, to: &current!, line: lineNumber, file: file)
                continue
            }
            inDirectives = false
            body.append(line)
        }
        try finish()
        return CorpusFile(name: file, cases: cases)
    }

    // MARK: - Directives

    private static let keys: Set<String> = ["order", "params", "refuse", "runtime-error", "allow", "dml-table"]

    private static func directive(_ key: String, in line: String) -> String? {
        guard case let (found, value)? = keyValue(line), found == key else { return nil }
        return value
    }

    /// `-- key: value` → (key, value) for the known keys (and `case`).
    private static func keyValue(_ line: String) -> (String, String)? {
        guard line.hasPrefix("-- "), let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[line.index(line.startIndex, offsetBy: 3)..<colon].trimmingCharacters(in: .whitespaces)
        guard key == "case" || keys.contains(key) else { return nil }
        return (key, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    private static func apply(key: String, value: String, to testCase: inout CorpusCase, line: Int, file: String) throws {
        func fail(_ message: String) -> CorpusFormatError {
            CorpusFormatError(file: file, line: line, message: "case \(testCase.name): \(message)")
        }
        switch key {
        case "order":
            guard let order = CorpusCase.Order(rawValue: value) else { throw fail("order is 'ordered' or 'unordered'") }
            testCase.order = order
        case "params":
            guard case let .array(items)? = try? CorpusJSON.parse(value) else { throw fail("params must be a JSON array") }
            testCase.parameters = try items.map { item in
                switch item {
                case .null: return .null
                case let .string(text): return .text(text)
                case let .bool(flag): return .boolean(flag)
                case let .number(number, literal):
                    if !literal.contains(where: { ".eE".contains($0) }), let integer = Int64(literal) {
                        return .integer(integer, literal: literal)
                    }
                    return .real(number, literal: literal)
                default: throw fail("params hold strings, numbers, booleans and null only")
                }
            }
        case "refuse":
            let parts = value.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { throw fail("refuse needs '<code> <message substring>'") }
            testCase.refusal = CorpusCase.Refusal(code: String(parts[0]), message: String(parts[1]))
        case "runtime-error":
            testCase.runtimeError = value
        case "allow":
            testCase.allowed.formUnion(value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init))
        case "dml-table":
            if let open = value.firstIndex(of: "("), value.hasSuffix(")") {
                let columns = value[value.index(after: open)..<value.index(before: value.endIndex)]
                    .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                testCase.dmlTable = CorpusCase.DMLTable(
                    name: value[..<open].trimmingCharacters(in: .whitespaces), columns: columns)
            } else {
                testCase.dmlTable = CorpusCase.DMLTable(name: value, columns: nil)
            }
        default:
            throw fail("unknown directive \(key)")
        }
    }
}
