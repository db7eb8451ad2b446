/// PostgreSQL LIKE patterns as SQLite GLOB patterns.
///
/// A constant pattern is compiled at translation time: `%` → `*`, `_` → `?`, escaped and
/// ordinary characters → themselves (GLOB's `*?[` bracketed), and for ILIKE every character →
/// the class of characters with the same lowercase (PostgreSQL's ILIKE on a UTF-8 database is
/// `lower(s) LIKE lower(p)`). A pattern known only at run time is converted by a chain of
/// `replace()` calls that does the same.
enum LikePattern {
    enum Failure: Error {
        case trailingEscape
    }

    /// The GLOB items of a constant LIKE pattern; `escape` nil means `ESCAPE ''`.
    static func compile(_ pattern: String, escape: UInt32?, caseInsensitive: Bool) throws -> [GlobItem] {
        var items: [GlobItem] = []
        var escaping = false
        for scalar in pattern.unicodeScalars {
            let value = scalar.value
            if escaping {
                escaping = false
            } else if value == escape {
                escaping = true
                continue
            } else if scalar == "%" {
                items.append(.anyMany)
                continue
            } else if scalar == "_" {
                items.append(.anyOne)
                continue
            }
            items.append(caseInsensitive ? .character(ScalarSet(scalars: CaseMapping.sameLowercase(value))) : .literal(value))
        }
        if escaping { throw Failure.trailingEscape }
        return items
    }

    /// Noncharacters standing in for escaped `%`, `_` and escape characters while the run-time
    /// conversion rewrites the rest; a pattern that contains them stops with an error.
    private static let placeholders = (escape: CaseFolding.string(0xFDD0), percent: CaseFolding.string(0xFDD1),
                                       underscore: CaseFolding.string(0xFDD2))

    /// The SQL converting a LIKE pattern known only at run time into the equivalent GLOB
    /// pattern. `escape` must not be `%` or `_` (the caller refuses those).
    static func runtimeGlob(_ pattern: SQLiteExpression, escape: String?) -> SQLiteExpression {
        func replace(_ text: SQLiteExpression, _ from: String, _ to: String) -> SQLiteExpression {
            .call("replace", text, .text(from), .text(to))
        }
        func bracketed(_ text: String) -> String {
            ["*", "?", "["].contains(text) ? "[" + text + "]" : text
        }
        var glob = pattern
        var failures: [SQLiteExpression] = []
        if let escape {
            let marks = placeholders
            glob = replace(glob, escape + escape, marks.escape)
            failures = [marks.escape, marks.percent, marks.underscore].map {
                SQLiteExpression.binary(.call("instr", pattern, .text($0)), ">", .integer(0))
            }
            failures.append(.binary(.call("substr", glob, .integer(-1)), "=", .text(escape)))
            glob = replace(replace(glob, escape + "%", marks.percent), escape + "_", marks.underscore)
            glob = replace(glob, escape, "")
            glob = wildcards(glob, replace: replace)
            glob = replace(replace(replace(glob, marks.percent, "%"), marks.underscore, "_"), marks.escape, bracketed(escape))
        } else {
            glob = wildcards(glob, replace: replace)
        }
        guard !failures.isEmpty else { return glob }
        return RuntimeFailure.guarded(glob, failingWhen: .or(failures),
                                    "LIKE pattern ends with the escape character or holds U+FDD0-U+FDD2")
    }

    /// GLOB's own wildcards bracketed, then LIKE's turned into GLOB's.
    private static func wildcards(_ text: SQLiteExpression,
                                  replace: (SQLiteExpression, String, String) -> SQLiteExpression) -> SQLiteExpression {
        var glob = replace(text, "[", "[[]")
        glob = replace(replace(glob, "*", "[*]"), "?", "[?]")
        return replace(replace(glob, "%", "*"), "_", "?")
    }
}
