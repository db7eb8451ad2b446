import BifrostSchema

/// Options that change what the translator accepts.
public struct TranslationOptions: Sendable {
    /// Approximation codes accepted as warnings (`--allow`), see `Allowance.documented`.
    public var allowed: Set<String>
    /// The database collation text ordering follows in PostgreSQL (`datcollate`); nil when unknown.
    /// `C`, `POSIX` and `C.UTF-8` order by code point, exactly as SQLite does.
    public var databaseCollation: String?

    public init(allowed: Set<String> = [], databaseCollation: String? = nil) {
        self.allowed = allowed
        self.databaseCollation = databaseCollation
    }

    var orderingIsBytewise: Bool? {
        guard let collation = databaseCollation else { return nil }
        return ["c", "posix", "c.utf-8", "c.utf8", "ucs_basic"].contains(collation.lowercased())
    }
}

/// State shared by everything translating one input: the source, schema, options, and the
/// warnings and rewrites collected so far.
final class TranslationContext {
    let source: SourceText
    let catalog: SchemaCatalog
    let options: TranslationOptions
    private(set) var warnings: [TranslationDiagnostic] = []
    private(set) var rewrites: [TranslationRewrite] = []
    private var warnedCodes: Set<String> = []
    private var aliasCounter = 0
    /// Types inferred for `$n` parameters.
    var parameterTypes: [Int: SQLType] = [:]

    init(source: SourceText, catalog: SchemaCatalog, options: TranslationOptions) {
        self.source = source
        self.catalog = catalog
        self.options = options
    }

    func diagnostic(_ code: String, _ message: String, at location: Int?) -> TranslationDiagnostic {
        let (line, column) = location.map { source.position(ofByte: $0) } ?? (0, 0)
        return TranslationDiagnostic(code: code, message: message, line: line, column: column)
    }

    /// A refusal to throw: the construct has no exact SQLite translation.
    func refusal(_ code: String, _ message: String, at location: Int?) -> TranslationRefusal {
        TranslationRefusal(diagnostic(code, message, at: location))
    }

    /// A documented approximation: refused unless `--allow code`, then a warning.
    func approximate(_ code: String, _ message: String, at location: Int?) throws {
        guard options.allowed.contains(code) else {
            throw refusal(code, message + " (use --allow \(code) to accept this approximation)", at: location)
        }
        warn(code, message, at: location)
    }

    func warn(_ code: String, _ message: String, at location: Int?) {
        let diagnostic = diagnostic(code, message, at: location)
        guard !warnings.contains(diagnostic) else { return }
        warnings.append(diagnostic)
    }

    /// Warns once per code (for conditions that would otherwise repeat on every column).
    func warnOnce(_ code: String, _ message: String, at location: Int?) {
        guard warnedCodes.insert(code).inserted else { return }
        warn(code, message, at: location)
    }

    func rewrote(_ construct: String, as rewrite: String, at location: Int?) {
        let (line, column) = location.map { source.position(ofByte: $0) } ?? (0, 0)
        rewrites.append(TranslationRewrite(line: line, column: column, construct: construct, rewrite: rewrite))
    }

    /// A fresh alias for subqueries the translator introduces.
    func freshAlias(_ stem: String) -> String {
        aliasCounter += 1
        return "_\(stem)\(aliasCounter)"
    }

    /// Checks that ordering text is exact under the database collation.
    func checkTextOrdering(_ type: SQLType, construct: String, at location: Int?) throws {
        guard type.isCollatable else { return }
        switch options.orderingIsBytewise {
        case true?: return
        case false?:
            try approximate("text-collation",
                            "\(construct) on text follows collation \(options.databaseCollation ?? "?") in PostgreSQL but code point order in SQLite",
                            at: location)
        case nil:
            warnOnce("text-collation",
                     "\(construct) on text: SQLite orders by code point; this equals PostgreSQL only under a C or C.UTF-8 collation (pass --collation to check)",
                     at: location)
        }
    }
}
