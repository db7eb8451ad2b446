/// A warning or refusal about one construct of the source SQL.
public struct TranslationDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// A stable code, e.g. `unsupported-function`; `--allow <code>` accepts documented approximations.
    public var code: String
    public var message: String
    /// 1-based position of the construct in the source (0 when unknown).
    public var line: Int
    public var column: Int

    public init(code: String, message: String, line: Int, column: Int) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        line > 0 ? "\(line):\(column): \(message) [\(code)]" : "\(message) [\(code)]"
    }

    /// The message, the source line and a caret under the construct.
    public func rendered(in source: SourceText, severity: String) -> String {
        var text = "\(severity): \(description)"
        if line > 0 {
            let sourceLine = source.line(line)
            text += "\n  \(sourceLine)\n  " + String(repeating: " ", count: max(0, column - 1)) + "^"
        }
        return text
    }
}

/// The translator refused a statement: an exact SQLite equivalent is impossible or unknown.
public struct TranslationRefusal: Error, Sendable, CustomStringConvertible {
    public let diagnostic: TranslationDiagnostic
    public init(_ diagnostic: TranslationDiagnostic) { self.diagnostic = diagnostic }
    public var description: String { diagnostic.description }
}

/// One rewrite the translator applied, for `--explain`.
public struct TranslationRewrite: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var construct: String
    public var rewrite: String
    public var description: String { "\(line):\(column): \(construct) → \(rewrite)" }
}

/// Approximation codes `--allow` accepts, with what each one gives up.
public enum Allowance {
    public static let documented: [String: String] = [
        "text-collation": "text ordering and comparison use code point order, not the database collation",
        "now-per-statement": "now() is fixed per statement in SQLite, not per transaction",
    ]
}
