import ArgumentParser
import BifrostIntrospection
import BifrostPGQuery
import BifrostPostgres
import BifrostSchema
import BifrostTranslate
import Foundation

struct Translate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Translates PostgreSQL SQL into SQLite SQL that gives the same answers.",
        discussion: """
            Reads the SQL from FILE, or from standard input when FILE is omitted or `-`, and prints \
            the SQLite SQL. $1-style parameters become ?1. A DDL script (CREATE TABLE, CREATE TYPE … \
            as pg_dump writes it) is translated whole into SQLite DDL, with a note on standard error \
            for each part that cannot be carried over. Warnings and refusals go to standard \
            error with line:column and a caret. A construct that cannot be translated exactly is \
            refused (exit 1) unless `--allow CODE` accepts its documented approximation:
            \(Allowance.documented.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }.joined(separator: "\n"))
            Exit codes: 0 translated; 1 refused or invalid SQL; 64 usage.
            """)

    @Argument(help: "A .sql file; standard input when omitted or '-'.")
    var file: String?

    @Option(name: .long, help: "The schema the SQL runs against: a postgresql:// URL or libpq conninfo, a JSON snapshot (bifrost inspect --format json), or a .sql DDL script (as pg_dump writes it). A SQLite file keeps no PostgreSQL types and is not used for typing.")
    var schema: String?

    @Option(name: .long, help: "Accept a documented approximation as a warning (repeatable).")
    var allow: [String] = []

    @Option(name: .long, help: "The PostgreSQL database collation (datcollate); read from the database when --schema is one.")
    var collation: String?

    @Flag(name: .long, help: "List each rewrite applied, with its source position, on standard error.")
    var explain = false

    func run() throws {
        let unknown = allow.filter { Allowance.documented[$0] == nil }
        if !unknown.isEmpty {
            throw ValidationError("unknown --allow code \(unknown.joined(separator: ", ")); known: \(Allowance.documented.keys.sorted().joined(separator: ", "))")
        }
        let sql: String
        do {
            sql = try readInput()
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let source = SourceText(sql)
        do {
            var model: Schema?
            var databaseCollation = collation
            if let schema {
                if schema.hasSuffix(".sql") {
                    model = try SQLSchemaReader().read(try String(contentsOfFile: schema, encoding: .utf8))
                } else {
                    let location = SchemaLocation(argument: schema)
                    model = try location.read()
                    if databaseCollation == nil, case let .postgres(connectionString) = location {
                        databaseCollation = try Self.collation(of: connectionString)
                    }
                }
            }
            let translator = Translator(schema: model, options: TranslationOptions(allowed: Set(allow), databaseCollation: databaseCollation))
            if try Translator.isSchemaScript(sql) {
                // A DDL script: translated whole, since SQLite cannot alter a table's constraints later.
                let translation = try translator.translateSchema(sql)
                for note in translation.notes { printError("note: \(note)") }
                print(translation.script, terminator: "")
                return
            }
            let translation = try translator.translate(sql)
            for warning in translation.warnings {
                printError(warning.rendered(in: source, severity: "warning"))
            }
            if explain {
                for rewrite in translation.rewrites { printError("rewrite: \(rewrite)") }
            }
            print(translation.sql)
        } catch let refusal as TranslationRefusal {
            printError(refusal.diagnostic.rendered(in: source, severity: "error"))
            throw ExitCode.failure
        } catch let error as ParseError {
            let diagnostic = TranslationDiagnostic(code: "syntax", message: error.message, line: error.line, column: error.column)
            printError(diagnostic.rendered(in: source, severity: "error"))
            throw ExitCode.failure
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }

    private func readInput() throws -> String {
        guard let file, file != "-" else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return String(decoding: data, as: UTF8.self)
        }
        return try String(contentsOfFile: file, encoding: .utf8)
    }

    private static func collation(of connectionString: ConnectionString) throws -> String? {
        let connection = try PostgresConnection(connectionString)
        return try connection.query("SELECT datcollate FROM pg_database WHERE datname = current_database()").value(row: 0, column: 0)
    }
}
