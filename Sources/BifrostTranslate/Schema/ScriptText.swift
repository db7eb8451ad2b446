import BifrostPGQuery

/// The text of a SQL script with PostgreSQL's scanner tokens, for recovering the source text
/// of expressions and queries (the parse tree gives only start positions).
struct ScriptText {
    let source: SourceText
    private let bytes: [UInt8]
    private let tokens: [PGQuery.ScanToken]

    init(_ sql: String) throws {
        source = SourceText(sql)
        bytes = Array(sql.utf8)
        tokens = try PGQuery.scan(sql).filter { $0.kind != 275 && $0.kind != 276 }  // no comments
    }

    func slice(_ start: Int, _ end: Int) -> String {
        source.slice(from: start, to: end)
    }

    private func text(of token: PGQuery.ScanToken) -> String {
        slice(token.start, token.end).lowercased()
    }

    /// The expression starting at byte `start`: up to a `,`, `)` or `;` outside parentheses, or
    /// one of `stopWords` (the keywords that begin the next column constraint).
    func expression(at start: Int, stopWords: Set<String> = []) -> String {
        var depth = 0
        var end = start
        for token in tokens where token.start >= start {
            let word = text(of: token)
            if depth == 0 && ([",", ")", ";"].contains(word) || (token.start > start && stopWords.contains(word))) { break }
            if word == "(" || word == "[" { depth += 1 }
            if word == ")" || word == "]" { depth -= 1 }
            end = token.end
        }
        return slice(start, end)
    }

    /// The query of `CREATE VIEW name … AS query`: the text after the first AS outside
    /// parentheses, up to the end of the statement.
    func viewQuery(statementStart: Int, statementEnd: Int) -> String? {
        var depth = 0
        for token in tokens where token.start >= statementStart && token.end <= statementEnd {
            let word = text(of: token)
            if word == "(" { depth += 1 }
            if word == ")" { depth -= 1 }
            if depth == 0 && word == "as" {
                return slice(token.end, statementEnd).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return nil
    }
}

/// Keywords that end a column's DEFAULT expression in CREATE TABLE.
let columnConstraintWords: Set<String> = [
    "not", "null", "primary", "unique", "check", "references", "constraint", "default", "collate", "generated",
]
