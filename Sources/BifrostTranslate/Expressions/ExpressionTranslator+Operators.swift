/// An operator application handed to the operator libraries.
struct OperatorCall {
    let symbol: String
    /// nil for a prefix operator.
    let left: Typed?
    let right: Typed
    let node: ParseNode
}

/// Handles an operator for the operand types it knows; returns nil to let the next handler try.
typealias OperatorHandler = @Sendable (ExpressionTranslator, OperatorCall) throws -> Typed?

extension ExpressionTranslator {
    func operatorExpression(_ node: ParseNode) throws -> Typed {
        let symbol = node.names("name").last ?? ""
        switch node.string("kind") {
        case "AEXPR_OP":
            return try binaryOperator(symbol, node)
        case "AEXPR_OP_ANY", "AEXPR_OP_ALL":
            return try ArrayOperators.quantified(self, symbol: symbol, all: node.string("kind") == "AEXPR_OP_ALL",
                                                 left: node.node("lexpr")!, right: node.node("rexpr")!, node: node)
        case "AEXPR_DISTINCT", "AEXPR_NOT_DISTINCT":
            let (left, right) = try comparable(node.node("lexpr")!, node.node("rexpr")!)
            let distinct = node.string("kind") == "AEXPR_DISTINCT"
            return Typed(.binary(try comparisonKey(left, at: node), distinct ? "IS NOT" : "IS", try comparisonKey(right, at: node)), .boolean)
        case "AEXPR_NULLIF":
            let (left, right) = try comparable(node.node("lexpr")!, node.node("rexpr")!)
            return Typed(try nullIf(left, right, at: node), left.type)
        case "AEXPR_IN":
            return try inList(node, negated: symbol == "<>")
        case "AEXPR_LIKE", "AEXPR_ILIKE", "AEXPR_SIMILAR":
            return try PatternMatching.translate(self, node: node)
        case "AEXPR_BETWEEN", "AEXPR_NOT_BETWEEN":
            let bounds = node.node("rexpr")?.list("items") ?? node.list("rexpr")
            let values = try unify([node.node("lexpr")!] + bounds)
            try context.checkTextOrdering(values[0].type, construct: "BETWEEN", at: node.location)
            let keys = try values.map { try comparisonKey($0, at: node) }
            return Typed(.between(keys[0], low: keys[1], high: keys[2],
                                  negated: node.string("kind") == "AEXPR_NOT_BETWEEN"), .boolean)
        default:
            throw refusal("unsupported-syntax", "\(node.string("kind") ?? "operator") \(symbol)", at: node)
        }
    }

    private func inList(_ node: ParseNode, negated: Bool) throws -> Typed {
        let values = try unify([node.node("lexpr")!] + (node.node("rexpr")?.list("items") ?? node.list("rexpr")))
        let keys = try values.map { try comparisonKey($0, at: node) }
        return Typed(.inList(keys[0], Array(keys.dropFirst()), negated: negated), .boolean)
    }

    /// Translates two operands that are compared, giving an untyped literal the other's type.
    func comparable(_ leftNode: ParseNode, _ rightNode: ParseNode) throws -> (Typed, Typed) {
        let left = try translate(leftNode)
        let right = try translate(rightNode)
        return try comparable(left, right, at: rightNode)
    }

    func comparable(_ left: Typed, _ right: Typed, at node: ParseNode) throws -> (Typed, Typed) {
        if left.type.isOpen && !right.type.isOpen {
            return (try coerce(left, to: right.type, at: node), right)
        }
        if right.type.isOpen && !left.type.isOpen {
            return (left, try coerce(right, to: left.type, at: node))
        }
        if left.type != right.type, left.type.isDateTime, right.type.isDateTime {
            return try DateTimeOperators.commonTimestamps(self, left, right, at: node)
        }
        return (left, right)
    }

    private func binaryOperator(_ symbol: String, _ node: ParseNode) throws -> Typed {
        let right = try translate(node.node("rexpr")!)
        let left = try node.node("lexpr").map(translate)
        let call = OperatorCall(symbol: symbol, left: left, right: right, node: node)
        for handler in OperatorLibrary.handlers[symbol] ?? [] {
            if let result = try handler(self, call) { return result }
        }
        guard let left else { return try prefixOperator(symbol, right, node) }
        switch symbol {
        case "=", "<>", "!=", "<", ">", "<=", ">=":
            return try basicComparison(symbol, left, right, at: node)
        case "+", "-", "*", "/", "%":
            return try arithmetic(symbol, left, right, node)
        case "^":
            // Exponentiation is pow() on doubles in both databases (numeric ^ numeric is exact in
            // PostgreSQL: warned as numeric-precision).
            let base = try coerce(left, to: .float("double precision"), at: node)
            let exponent = try coerce(right, to: .float("double precision"), at: node)
            guard base.type.isNumber, exponent.type.isNumber else {
                throw refusal("unsupported-syntax", "operator ^ for \(left.type.postgresName ?? "unknown") and \(right.type.postgresName ?? "unknown")", at: node)
            }
            if left.type.isNumeric || right.type.isNumeric {
                context.warnOnce("numeric-precision", "numeric ^ runs in double precision in SQLite", at: node.location)
            }
            context.warnOnce("math-functions", "^ needs SQLite's math functions (SQLITE_ENABLE_MATH_FUNCTIONS, on in the default build since 3.35)", at: node.location)
            let numeric = left.type.isNumeric || right.type.isNumeric
            return Typed(.call("pow", base.sql, exponent.sql), numeric ? .numeric(scale: nil) : .float("double precision"))
        case "||":
            return try concatenation(left, right, node)
        default:
            throw refusal("unsupported-syntax", "operator \(symbol) for \(left.type.postgresName ?? "unknown") and \(right.type.postgresName ?? "unknown")", at: node)
        }
    }

    /// `left symbol right` for a comparison operator, through the type families' handlers first
    /// (intervals, JSON …), for callers that build comparisons themselves.
    func compare(_ symbol: String, _ left: Typed, _ right: Typed, at node: ParseNode) throws -> Typed {
        let call = OperatorCall(symbol: symbol, left: left, right: right, node: node)
        for handler in OperatorLibrary.handlers[symbol] ?? [] {
            if let result = try handler(self, call) { return result }
        }
        return try basicComparison(symbol, left, right, at: node)
    }

    private func basicComparison(_ symbol: String, _ left: Typed, _ right: Typed, at node: ParseNode) throws -> Typed {
        var (l, r) = try comparable(left, right, at: node)
        if l.type.isBlankPadded || r.type.isBlankPadded {
            // character(n) compares without its trailing blanks.
            l.sql = .call("rtrim", l.sql, .text(" "))
            r.sql = .call("rtrim", r.sql, .text(" "))
        }
        if symbol != "=" && symbol != "<>" && symbol != "!=" {
            try context.checkTextOrdering(l.type.isOpen ? r.type : l.type, construct: "comparison \(symbol)", at: node.location)
        }
        if l.type.isArray && !["=", "<>", "!="].contains(symbol) {
            throw refusal("unsupported-syntax", "ordering comparison \(symbol) of arrays", at: node)
        }
        return Typed(.binary(l.sql, symbol == "!=" ? "<>" : symbol, r.sql), .boolean)
    }

    private func prefixOperator(_ symbol: String, _ operand: Typed, _ node: ParseNode) throws -> Typed {
        switch symbol {
        case "-":
            if case let .literal(.integer(value)) = operand.sql { return Typed(.integer(-value), operand.type) }
            if case let .literal(.real(value)) = operand.sql {
                return Typed(.literal(.real(-value)), operand.type, literalText: operand.literalText.map { "-" + $0 })
            }
            if operand.type == .interval {
                return try DateTimeOperators.negateInterval(self, operand, node: node)
            }
            return Typed(Self.guardingSpecialNumbers([operand], .prefix("-", operand.sql)), operand.type)
        case "+":
            return operand
        default:
            throw refusal("unsupported-syntax", "prefix operator \(symbol)", at: node)
        }
    }

    private func arithmetic(_ symbol: String, _ left: Typed, _ right: Typed, _ node: ParseNode) throws -> Typed {
        let temporal: Set<SQLType> = [.timestamptz, .timestamp, .date, .time, .interval]
        if temporal.contains(left.type) || temporal.contains(right.type) {
            return try DateTimeOperators.arithmetic(self, symbol, left, right, node: node)
        }
        var (l, r) = (left, right)
        if l.type.isOpen && !r.type.isOpen { l = try coerce(l, to: r.type, at: node) }
        if r.type.isOpen && !l.type.isOpen { r = try coerce(r, to: l.type, at: node) }
        if l.type.isOpen && r.type.isOpen {
            l = try coerce(l, to: .integer("integer"), at: node)
            r = try coerce(r, to: .integer("integer"), at: node)
        }
        guard l.type.isNumber, r.type.isNumber else {
            throw refusal("unsupported-syntax", "operator \(symbol) for \(l.type.postgresName ?? "unknown") and \(r.type.postgresName ?? "unknown")", at: node)
        }
        let type = Self.arithmeticType(symbol, l.type, r.type)
        var leftSQL = l.sql
        if symbol == "/" || symbol == "%", !type.isInteger {
            // Keep SQLite from doing integer division on integral values of a numeric/float type.
            leftSQL = .cast(leftSQL, as: "REAL")
            if case .numeric = type {
                context.warnOnce("numeric-precision", "numeric division is computed in double precision in SQLite (about 15 significant digits)", at: node.location)
            }
        }
        var result = SQLiteExpression.binary(leftSQL, symbol, r.sql)
        if symbol == "%", !type.isInteger {
            throw refusal("unsupported-syntax", "% on numeric values", at: node)
        }
        if case let .numeric(scale?) = type, symbol != "/" {
            result = .call("round", result, .integer(Int64(scale)))
        }
        if symbol == "/" || symbol == "%", Self.mayBeZero(r.sql) {
            // PostgreSQL fails on division by zero; SQLite would answer NULL.
            result = RuntimeFailure.guarded(result, failingWhen: .binary(r.sql, "=", .integer(0)), "division by zero")
        }
        return Typed(Self.guardingSpecialNumbers([l, r], result), type)
    }

    /// numeric and float values are stored as text when a double cannot hold them as written:
    /// 'NaN' (arithmetic on it gives NaN, as in PostgreSQL), a decimal whose written scale
    /// matters ('1.50', computed with as a number), and decimals of more than 15 significant
    /// digits, which stop the statement rather than be rounded silently.
    static func guardingSpecialNumbers(_ operands: [Typed], _ result: SQLiteExpression) -> SQLiteExpression {
        let stored = operands.filter { ($0.type.isNumeric || $0.type.isFloat) && !$0.sql.isConstant }.map(\.sql)
        guard !stored.isEmpty else { return result }
        let isNaN = SQLiteExpression.or(stored.map { .binary($0, "=", .text("NaN")) })
        let tooPrecise = SQLiteExpression.or(stored.map { value in
            let digits = SQLiteExpression.call("rtrim", .call("ltrim", .call("replace", .call("ltrim", value, .text("-")),
                                                                                    .text("."), .text("")), .text("0")), .text("0"))
            return .and([.binary(.call("typeof", value), "=", .text("text")),
                         .binary(.call("length", digits), ">", .integer(15))])
        })
        return .caseWhen(SQLiteCase(operand: nil, branches: [
            .init(condition: isNaN, result: .text("NaN")),
            .init(condition: tooPrecise, result: RuntimeFailure.raise("arithmetic on a numeric value beyond double precision")),
        ], otherwise: result))
    }

    /// Whether a divisor may be zero at run time (anything but a non-zero constant).
    static func mayBeZero(_ divisor: SQLiteExpression) -> Bool {
        switch divisor {
        case let .literal(.integer(value)): return value == 0
        case let .literal(.real(value)): return value == 0
        default: return true
        }
    }

    /// PostgreSQL's result type for arithmetic on two numbers.
    static func arithmeticType(_ symbol: String, _ left: SQLType, _ right: SQLType) -> SQLType {
        if left.isFloat || right.isFloat { return .float("double precision") }
        if case let .numeric(leftScale) = left {
            if case let .numeric(rightScale) = right {
                guard let leftScale, let rightScale else { return .numeric(scale: nil) }
                switch symbol {
                case "+", "-": return .numeric(scale: max(leftScale, rightScale))
                case "*": return .numeric(scale: leftScale + rightScale)
                default: return .numeric(scale: nil)
                }
            }
            return symbol == "*" || symbol == "+" || symbol == "-" ? .numeric(scale: leftScale) : .numeric(scale: nil)
        }
        if case let .numeric(rightScale) = right {
            return symbol == "*" || symbol == "+" || symbol == "-" ? .numeric(scale: rightScale) : .numeric(scale: nil)
        }
        if left == .integer("bigint") || right == .integer("bigint") { return .integer("bigint") }
        if left == .integer("integer") || right == .integer("integer") { return .integer("integer") }
        return .integer("smallint")
    }

    /// `a || b`: text concatenation renders non-text operands as PostgreSQL prints them.
    private func concatenation(_ left: Typed, _ right: Typed, _ node: ParseNode) throws -> Typed {
        if left.type.isArray || right.type.isArray {
            return try ArrayOperators.concatenate(self, left, right, node: node)
        }
        if left.type == .jsonb || right.type == .jsonb {
            return try JSONOperators.concatenate(self, left, right, node: node)
        }
        let leftText = try textValue(left, at: node)
        let rightText = try textValue(right, at: node)
        return Typed(.binary(leftText, "||", rightText), .text("text"))
    }
}

/// Operator handlers contributed by the type families, tried in order before the core operators.
enum OperatorLibrary {
    static let handlers: [String: [OperatorHandler]] = {
        var all: [String: [OperatorHandler]] = [:]
        for family in [PatternMatching.operators, JSONOperators.operators, ArrayOperators.operators,
                       DateTimeOperators.operators] {
            for (symbol, handler) in family { all[symbol, default: []].append(handler) }
        }
        return all
    }()
}
