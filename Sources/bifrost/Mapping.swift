import ArgumentParser
import BifrostMapping

struct Mapping: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prints the default PostgreSQL → SQLite mapping rules, to copy and edit.",
        discussion: "Save the output, change rules (or add `column SCHEMA.TABLE.COLUMN -> CODEC` lines), and pass the file to `bifrost convert --mapping`.")

    func run() throws {
        print(MappingRules.defaultRulesText, terminator: "")
    }
}
