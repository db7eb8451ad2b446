/// LIKE, ILIKE, SIMILAR TO and POSIX regular expressions, matched with SQLite's GLOB
/// (case-sensitive, code point based, UTF-8 aware) — SQLite's own LIKE ignores ASCII case and
/// stock SQLite has no REGEXP — or, for regular expressions GLOB cannot express, with an
/// automaton run by a recursive CTE (`RegexMatching`).
enum PatternMatching {
    static let operators: [String: OperatorHandler] = [
        "~~": { translator, call in try likeOperator(translator, call, caseInsensitive: false, negated: false) },
        "!~~": { translator, call in try likeOperator(translator, call, caseInsensitive: false, negated: true) },
        "~~*": { translator, call in try likeOperator(translator, call, caseInsensitive: true, negated: false) },
        "!~~*": { translator, call in try likeOperator(translator, call, caseInsensitive: true, negated: true) },
        "~": { translator, call in try RegexMatching.operator(translator, call, caseInsensitive: false, negated: false) },
        "!~": { translator, call in try RegexMatching.operator(translator, call, caseInsensitive: false, negated: true) },
        "~*": { translator, call in try RegexMatching.operator(translator, call, caseInsensitive: true, negated: false) },
        "!~*": { translator, call in try RegexMatching.operator(translator, call, caseInsensitive: true, negated: true) },
    ]

    /// `AEXPR_LIKE`, `AEXPR_ILIKE` and `AEXPR_SIMILAR` nodes; the parser wraps an ESCAPE clause
    /// as `like_escape(pattern, escape)` / `similar_to_escape(pattern[, escape])`.
    static func translate(_ translator: ExpressionTranslator, node: ParseNode) throws -> Typed {
        let symbol = node.names("name").last ?? ""
        let negated = symbol.hasPrefix("!")
        var patternNode = node.node("rexpr")!
        var escapeNode: ParseNode?
        let wrapper = node.string("kind") == "AEXPR_SIMILAR" ? "similar_to_escape" : "like_escape"
        if patternNode.tag == "FuncCall", patternNode.names("funcname").last == wrapper {
            let arguments = patternNode.list("args")
            escapeNode = arguments.count > 1 ? arguments[1] : nil
            patternNode = arguments[0]
        }
        let subject = try translator.translate(node.node("lexpr")!)
        let pattern = try translator.translate(patternNode)
        if node.string("kind") == "AEXPR_SIMILAR" {
            let escape = try escapeNode.map { try constantEscape(translator, $0, construct: "SIMILAR TO") } ?? "\\"
            return try RegexMatching.similar(translator, subject: subject, pattern: pattern, escape: escape,
                                             negated: negated, node: node)
        }
        let escape = try escapeNode.map { try constantEscape(translator, $0, construct: "LIKE") } ?? "\\"
        return try like(translator, subject: subject, pattern: pattern, escape: escape,
                        caseInsensitive: node.string("kind") == "AEXPR_ILIKE", negated: negated, node: node)
    }

    private static func likeOperator(_ translator: ExpressionTranslator, _ call: OperatorCall,
                                     caseInsensitive: Bool, negated: Bool) throws -> Typed? {
        guard let subject = call.left else { return nil }
        return try like(translator, subject: subject, pattern: call.right, escape: "\\",
                        caseInsensitive: caseInsensitive, negated: negated, node: call.node)
    }

    /// The ESCAPE string: a constant of at most one character ("" turns escaping off).
    static func constantEscape(_ translator: ExpressionTranslator, _ node: ParseNode, construct: String) throws -> String {
        let escape = try translator.translate(node)
        guard let text = escape.literalText else {
            throw translator.refusal("unsupported-syntax", "\(construct) … ESCAPE with an escape character known only at run time", at: node)
        }
        guard text.unicodeScalars.count <= 1 else {
            throw translator.refusal("invalid-pattern", "invalid escape string \"\(text)\": it must be empty or one character", at: node)
        }
        return text
    }

    /// Both operands as text; LIKE on other types does not exist in PostgreSQL (citext makes
    /// LIKE case-insensitive, as its operators do).
    static func textOperands(_ translator: ExpressionTranslator, _ subject: Typed, _ pattern: Typed,
                             construct: String, node: ParseNode) throws -> (Typed, Typed, citext: Bool) {
        var operands: [Typed] = []
        for operand in [subject, pattern] {
            let value = try translator.coerce(operand, to: .text("text"), at: node)
            guard value.type.isTextual || value.type == .any || value.type == .null else {
                throw translator.refusal("unsupported-syntax", "\(construct) on \(value.type.postgresName ?? "?") values", at: node)
            }
            operands.append(value)
        }
        let citext = [subject.type, pattern.type].contains(.text("citext"))
        return (operands[0], operands[1], citext)
    }

    static func like(_ translator: ExpressionTranslator, subject: Typed, pattern: Typed, escape: String,
                     caseInsensitive: Bool, negated: Bool, node: ParseNode) throws -> Typed {
        let construct = (negated ? "NOT " : "") + (caseInsensitive ? "ILIKE" : "LIKE")
        let constantPattern = pattern.type == .unknownLiteral ? pattern.literalText : nil
        let (subject, pattern, citext) = try textOperands(translator, subject, pattern, construct: construct, node: node)
        let folding = caseInsensitive || citext
        let escapeScalar = escape.unicodeScalars.first?.value
        if let text = constantPattern {
            let items: [GlobItem]
            do {
                items = try LikePattern.compile(text, escape: escapeScalar, caseInsensitive: folding)
            } catch {
                throw translator.refusal("invalid-pattern", "LIKE pattern \"\(text)\" ends with the escape character (an error in PostgreSQL)", at: node)
            }
            if !folding, let literal = GlobPattern.literalText(items) {
                translator.context.rewrote(construct, as: negated ? "<>" : "=", at: node.location)
                return Typed(.binary(subject.sql, negated ? "<>" : "=", .text(literal)), .boolean)
            }
            let glob = GlobPattern.render(items)
            translator.context.rewrote(construct + " '\(text)'", as: "GLOB '\(glob)'", at: node.location)
            return Typed(.pattern(subject.sql, .glob, .text(glob), escape: nil, negated: negated), .boolean)
        }
        if escape == "%" || escape == "_" {
            throw translator.refusal("unsupported-syntax", "\(construct) ESCAPE '\(escape)' with a pattern known only at run time", at: node)
        }
        var value = subject.sql, patternSQL = pattern.sql
        if folding {
            if let scalar = escapeScalar, CaseMapping.lower(scalar) != scalar || CaseMapping.upper(scalar) != scalar {
                throw translator.refusal("unsupported-syntax", "\(construct) with a cased escape character and a pattern known only at run time", at: node)
            }
            value = CaseFolding.lower(value, alias: translator.context.freshAlias("lower"))
            patternSQL = CaseFolding.lower(patternSQL, alias: translator.context.freshAlias("lower"))
        }
        translator.context.rewrote(construct + " with a run-time pattern",
                                   as: "GLOB with the pattern converted by replace()" + (folding ? " after lower()" : ""),
                                   at: node.location)
        let glob = LikePattern.runtimeGlob(patternSQL, escape: escape.isEmpty ? nil : escape)
        return Typed(.pattern(value, .glob, glob, escape: nil, negated: negated), .boolean)
    }
}
