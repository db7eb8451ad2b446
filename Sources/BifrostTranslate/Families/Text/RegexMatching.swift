/// `~`, `~*`, `!~`, `!~*` and SIMILAR TO with a constant pattern.
///
/// When GLOB can express the pattern (`RegexPattern.globBranches`), each alternative becomes
/// `x GLOB '<pattern>'`; a class repeated without bound at the anchored end
/// (`^[a-z][a-z0-9_]*$`) adds `substr(x, n) NOT GLOB '*[^class]*'`. Those conditions also work
/// in CHECK constraints and indexes. Other patterns (counted or optional items inside, repeated
/// groups, anchors in alternatives) run as an automaton in a recursive CTE (`RegexAutomaton`).
enum RegexMatching {
    static func `operator`(_ translator: ExpressionTranslator, _ call: OperatorCall,
                           caseInsensitive: Bool, negated: Bool) throws -> Typed? {
        guard let subject = call.left else { return nil }
        let construct = call.symbol
        let (value, pattern, _) = try PatternMatching.textOperands(translator, subject, call.right, construct: construct, node: call.node)
        guard call.right.type == .unknownLiteral, let source = call.right.literalText else {
            throw translator.refusal("unsupported-regex", "regular expression \(construct) with a pattern known only at run time: SQLite has no REGEXP", at: call.node)
        }
        _ = pattern
        let matches = try condition(translator, value.sql, describing: "'\(source)'", node: call.node) {
            try RegexPattern(source, caseInsensitive: caseInsensitive || isCitext(subject))
        }
        return negated ? Typed(.prefix("NOT", matches.sql), .boolean) : matches
    }

    static let functions: [String: FunctionHandler] = [
        "regexp_like": { translator, call in try regexpLike(translator, call) },
    ]

    /// `regexp_like(x, pattern [, flags])` (PostgreSQL 15): `x ~ pattern`, or `~*` with flag
    /// `i` (the last of `i`/`c` wins). Other flags change the syntax or newline rules: refused.
    private static func regexpLike(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> Typed {
        try translator.expectArguments(call, 2...3)
        let value = try translator.textArgument(call.arguments[0], of: call)
        let pattern = try translator.textArgument(call.arguments[1], of: call)
        guard let source = pattern.literalText else {
            throw translator.refusal("unsupported-regex", "regexp_like() with a pattern known only at run time: SQLite has no REGEXP", at: call.node)
        }
        var caseInsensitive = false
        if call.arguments.count == 3 {
            guard let flags = try translator.textArgument(call.arguments[2], of: call).literalText else {
                throw translator.refusal("unsupported-regex", "regexp_like() with flags known only at run time", at: call.node)
            }
            for flag in flags {
                guard flag == "i" || flag == "c" else {
                    throw translator.refusal("unsupported-regex", "regexp_like() flag '\(flag)'", at: call.node)
                }
                caseInsensitive = flag == "i"
            }
        }
        return try condition(translator, value.sql, describing: "'\(source)'", node: call.node) {
            try RegexPattern(source, caseInsensitive: caseInsensitive)
        }
    }

    /// `x [NOT] SIMILAR TO pattern [ESCAPE e]`: PostgreSQL turns the pattern into an anchored
    /// regular expression (`%` → `.*`, `_` → `.`, `.^$` literal); so does this.
    static func similar(_ translator: ExpressionTranslator, subject: Typed, pattern: Typed, escape: String,
                        negated: Bool, node: ParseNode) throws -> Typed {
        let construct = negated ? "NOT SIMILAR TO" : "SIMILAR TO"
        let (value, _, _) = try PatternMatching.textOperands(translator, subject, pattern, construct: construct, node: node)
        guard pattern.type == .unknownLiteral, let source = pattern.literalText else {
            throw translator.refusal("unsupported-regex", "\(construct) with a pattern known only at run time: SQLite has no REGEXP", at: node)
        }
        let matches = try condition(translator, value.sql, describing: "SIMILAR TO '\(source)'", node: node) {
            try RegexPattern(anchoring: try regexText(similar: source, escape: escape.unicodeScalars.first),
                             caseInsensitive: isCitext(subject))
        }
        return negated ? Typed(.prefix("NOT", matches.sql), .boolean) : matches
    }

    /// citext's regex operators (hence SIMILAR TO) ignore case when the subject is citext.
    private static func isCitext(_ subject: Typed) -> Bool { subject.type == .text("citext") }

    /// The regular expression PostgreSQL's `similar_to_escape` builds (without its anchors).
    static func regexText(similar pattern: String, escape: Unicode.Scalar?) throws -> String {
        var regex = ""
        var escaping = false
        var bracketStart: Int?
        var position = 0
        for scalar in pattern.unicodeScalars {
            defer { position += 1 }
            if escaping {
                guard scalar != "\"" else { throw RegexPattern.Unsupported(reason: "escape-double-quote markers") }
                regex += "\\" + String(scalar)
                escaping = false
            } else if scalar == escape {
                escaping = true
            } else if let start = bracketStart {
                if scalar == "\\" { throw RegexPattern.Unsupported(reason: "a backslash inside a bracket expression") }
                let leading = position == start + 1 || (position == start + 2 && regex.unicodeScalars.last == "^")
                if scalar == "]" && !leading { bracketStart = nil }
                regex.unicodeScalars.append(scalar)
            } else {
                switch scalar {
                case "[": bracketStart = position; regex += "["
                case "%": regex += ".*"
                case "_": regex += "."
                case ".", "^", "$", "\\": regex += "\\" + String(scalar)
                default: regex.unicodeScalars.append(scalar)
                }
            }
        }
        if escaping { throw RegexPattern.Unsupported(reason: "the pattern ends with the escape character") }
        return regex
    }

    /// The match condition of a pattern: GLOB when it can express it, else the automaton.
    private static func condition(_ translator: ExpressionTranslator, _ value: SQLiteExpression, describing source: String,
                                  node: ParseNode, parse: () throws -> RegexPattern) throws -> Typed {
        do {
            let regex = try parse()
            if let alternatives = try? regex.globBranches().map({ try branchCondition(value, $0) }) {
                translator.context.rewrote("regular expression \(source)", as: "GLOB", at: node.location)
                return Typed(.or(alternatives), .boolean)
            }
            let automaton = try RegexAutomaton(regex)
            if SQLBinder.containsAggregate(value) {
                throw RegexPattern.Unsupported(reason: "beyond GLOB it runs in a subquery, and SQLite evaluates no aggregate or window call inside one")
            }
            translator.context.rewrote("regular expression \(source)", as: "a recursive CTE running its automaton", at: node.location)
            return Typed(automaton.matches(value, alias: translator.context.freshAlias("regex")), .boolean)
        } catch let unsupported as RegexPattern.Unsupported {
            throw translator.refusal("unsupported-regex", "regular expression \(source) cannot be matched in SQLite: \(unsupported.reason)", at: node)
        }
    }

    /// One alternative as GLOB conditions.
    static func branchCondition(_ value: SQLiteExpression, _ branch: RegexPattern.Branch) throws -> SQLiteExpression {
        var items = branch.items
        // An unanchored side absorbs optional atoms and extra repetitions there (.*a+ ≡ .*a).
        if !branch.anchoredStart {
            while let first = items.first, first.min == 0 { items.removeFirst() }
            if !items.isEmpty, items[0].max == nil { items[0].max = items[0].min }
        }
        if !branch.anchoredEnd {
            while let last = items.last, last.min == 0 { items.removeLast() }
            if !items.isEmpty, items[items.count - 1].max == nil { items[items.count - 1].max = items[items.count - 1].min }
        }
        var glob: [GlobItem] = branch.anchoredStart ? [] : [.anyMany]
        var fixedLength: Int? = branch.anchoredStart ? 0 : nil
        var tail: (start: Int, set: ScalarSet)?
        for (index, item) in items.enumerated() {
            let single: GlobItem
            switch item.atom {
            case .any: single = .anyOne
            case let .set(set):
                guard !set.isEmpty || set.negated else { throw RegexPattern.Unsupported(reason: "an empty class") }
                single = .character(set)
            }
            glob += Array(repeating: single, count: item.min)
            if item.max == item.min {
                fixedLength = fixedLength.map { $0 + item.min }
                continue
            }
            if case .any = item.atom, item.max == nil {
                glob.append(.anyMany)
                fixedLength = nil
                continue
            }
            guard case let .set(set) = item.atom, item.max == nil, index == items.count - 1, branch.anchoredEnd,
                  let start = fixedLength else {
                throw RegexPattern.Unsupported(reason: "GLOB cannot express the quantifier {\(item.min),\(item.max.map(String.init) ?? "")} there")
            }
            tail = (start, set)
            glob.append(.anyMany)
        }
        if !branch.anchoredEnd { glob.append(.anyMany) }
        var condition = SQLiteExpression.pattern(value, .glob, .text(GlobPattern.render(glob)), escape: nil, negated: false)
        if let tail {
            let outside = ScalarSet(tail.set.ranges, negated: !tail.set.negated)
            let rest = tail.start == 0 ? value : .call("substr", value, .integer(Int64(tail.start + 1)))
            condition = .binary(condition, "AND",
                                .pattern(rest, .glob, .text("*" + GlobPattern.render(outside) + "*"), escape: nil, negated: true))
        }
        return condition
    }
}
