/// Translates PostgreSQL expressions (libpg_query nodes) into SQLite expressions with the same
/// value in Bifrost's storage format, resolving columns through a scope for their types.
/// Type-specific rewrites live in the extensions and in `FunctionLibrary` / `OperatorLibrary`.
struct ExpressionTranslator {
    let context: TranslationContext
    let scope: Scope

    func refusal(_ code: String, _ message: String, at node: ParseNode) -> TranslationRefusal {
        context.refusal(code, message, at: node.location)
    }

    func translate(_ node: ParseNode) throws -> Typed {
        var result = try translateNode(node)
        if result.location == nil { result.location = node.location }
        return result
    }

    func translate(_ nodes: [ParseNode]) throws -> [Typed] {
        try nodes.map(translate)
    }

    /// Translates and, for an untyped literal, gives it `type` (as PostgreSQL's context would).
    func translate(_ node: ParseNode, as type: SQLType) throws -> Typed {
        try coerce(try translate(node), to: type, at: node)
    }

    /// A condition (WHERE, ON, HAVING, FILTER): must be boolean in PostgreSQL.
    func condition(_ node: ParseNode) throws -> SQLiteExpression {
        try translate(node, as: .boolean).sql
    }

    private func translateNode(_ node: ParseNode) throws -> Typed {
        switch node.tag {
        case "ColumnRef": return try columnReference(node)
        case "A_Const": return try constant(node)
        case "ParamRef": return parameter(node)
        case "A_Expr": return try operatorExpression(node)
        case "BoolExpr": return try booleanExpression(node)
        case "NullTest":
            let operand = try translate(node.node("arg")!)
            let isNull = node.string("nulltesttype") == "IS_NULL"
            if operand.type == .record {
                throw refusal("unsupported-syntax", "IS NULL on a whole row", at: node)
            }
            return Typed(.postfix(operand.sql, isNull ? "IS NULL" : "IS NOT NULL"), .boolean)
        case "BooleanTest": return try booleanTest(node)
        case "TypeCast": return try typeCast(node)
        case "FuncCall": return try functionCall(node)
        case "CaseExpr": return try caseExpression(node)
        case "CoalesceExpr":
            let arguments = try unify(node.list("args"))
            return Typed(.call("coalesce", arguments.map(\.sql) + (arguments.count == 1 ? [.null] : [])),
                         arguments.first?.type ?? .null)
        case "MinMaxExpr": return try greatestLeast(node)
        case "SubLink": return try subLink(node)
        case "SQLValueFunction": return try sqlValueFunction(node)
        case "A_ArrayExpr": return try arrayConstructor(node)
        case "A_Indirection": return try indirection(node)
        case "CollateClause": return try collate(node)
        case "RowExpr":
            let values = try translate(node.list("args"))
            return Typed(.row(values.map(\.sql)), .record)
        case "NamedArgExpr":
            throw refusal("unsupported-syntax", "named function arguments (name => value)", at: node)
        default:
            throw refusal("unsupported-syntax", "\(Self.describe(node.tag)) is not supported", at: node)
        }
    }

    /// A readable name for a parse node tag in messages.
    static func describe(_ tag: String) -> String {
        switch tag {
        case "GroupingFunc": return "GROUPING()"
        case "RangeTableSample": return "TABLESAMPLE"
        case "RangeTableFunc": return "XMLTABLE"
        case "XmlExpr", "XmlSerialize": return "XML expressions"
        case "CurrentOfExpr": return "WHERE CURRENT OF"
        case "SetToDefault": return "DEFAULT"
        case "MultiAssignRef": return "multi-column assignment"
        default: return tag
        }
    }

    // MARK: Leaves

    private func columnReference(_ node: ParseNode) throws -> Typed {
        let fields = node.list("fields")
        if fields.last?.tag == "A_Star" {
            throw refusal("unsupported-syntax", "* is only supported as a whole select-list item", at: node)
        }
        let names = fields.compactMap(\.stringValue)
        let column = names.last!
        let qualifier = names.count >= 2 ? names[names.count - 2] : nil
        if names.count > 3 {
            throw refusal("unsupported-syntax", "column reference \(names.joined(separator: "."))", at: node)
        }
        switch scope.resolve(column, qualifier: qualifier) {
        case let .found(relation, found):
            if let expression = found.expression { return Typed(expression, found.type) }
            let qualified = scope.relation(named: relation)?.qualifiesReferences ?? true
            return Typed(.column(table: qualified ? relation : nil, name: found.name), found.type)
        case .ambiguous:
            throw refusal("ambiguous-column", "column reference \"\(column)\" is ambiguous", at: node)
        case .missing:
            if qualifier == nil, names.count == 1, let relation = scope.relation(named: column) {
                if relation.isScalarFunction, let value = relation.columns.first {
                    return Typed(value.expression ?? .column(table: relation.name, name: value.name), value.type)
                }
                // A whole-row reference such as `t` in `to_jsonb(t)`.
                return Typed(.column(table: nil, name: relation.name), .record)
            }
            let shown = names.joined(separator: ".")
            throw refusal("unknown-column", "column \(shown) does not exist in the schema", at: node)
        }
    }

    private func constant(_ node: ParseNode) throws -> Typed {
        if node.bool("isnull") { return .null }
        if let value = node.embedded("ival", as: "Integer") {
            return Typed(.integer(Int64(value.int("ival") ?? negativeIntegerFromSource(node))), .integer("integer"))
        }
        if let value = node.embedded("fval", as: "Float"), let text = value.string("fval") {
            if let integer = Int64(text) { return Typed(.integer(integer), .integer("bigint")) }
            // A decimal literal is numeric in PostgreSQL; keep its scale for text rendering.
            let scale = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 }
            if text.lowercased().contains("e") {
                return Typed(.literal(.real(Double(text) ?? 0)), .numeric(scale: nil))
            }
            return Typed(.literal(.real(Double(text) ?? 0)), .numeric(scale: scale), literalText: text)
        }
        if let value = node.embedded("boolval", as: "Boolean") {
            return Typed(.integer(value.bool("boolval") ? 1 : 0), .boolean)
        }
        if let value = node.embedded("sval", as: "String") {
            let text = value.string("sval") ?? ""
            return Typed(.text(text), .unknownLiteral, literalText: text)
        }
        if let value = node.embedded("bsval", as: "BitString") {
            throw refusal("unsupported-syntax", "bit string literal \(value.string("bsval") ?? "")", at: node)
        }
        throw refusal("unsupported-syntax", "constant", at: node)
    }

    /// libpg_query's JSON omits the value of a negative integer constant folded by the grammar
    /// (`-5` arrives as `"ival": {}`, like 0): read it back from the source text.
    private func negativeIntegerFromSource(_ node: ParseNode) -> Int {
        guard let location = node.location else { return 0 }
        let text = context.source.slice(from: location, to: location + 40)
        var digits = Substring(text)
        guard digits.first == "-" else { return 0 }
        digits = digits.dropFirst().drop(while: \.isWhitespace)
        return -(Int(digits.prefix(while: \.isASCII).prefix(while: \.isNumber)) ?? 0)
    }

    private func parameter(_ node: ParseNode) -> Typed {
        let number = node.int("number") ?? 0
        return Typed(.parameter(number), context.parameterTypes[number] ?? .unknownLiteral)
    }

    // MARK: Boolean logic

    private func booleanExpression(_ node: ParseNode) throws -> Typed {
        let arguments = try node.list("args").map(condition)
        switch node.string("boolop") {
        case "AND_EXPR": return Typed(.and(arguments), .boolean)
        case "OR_EXPR": return Typed(.or(arguments), .boolean)
        default: return Typed(.prefix("NOT", arguments[0]), .boolean)
        }
    }

    private func booleanTest(_ node: ParseNode) throws -> Typed {
        let operand = try condition(node.node("arg")!)
        let test: String
        switch node.string("booltesttype") {
        case "IS_TRUE": test = "IS TRUE"
        case "IS_NOT_TRUE": test = "IS NOT TRUE"
        case "IS_FALSE": test = "IS FALSE"
        case "IS_NOT_FALSE": test = "IS NOT FALSE"
        case "IS_UNKNOWN": test = "IS NULL"
        default: test = "IS NOT NULL"
        }
        return Typed(.postfix(operand, test), .boolean)
    }

    // MARK: CASE, GREATEST, LEAST

    private func caseExpression(_ node: ParseNode) throws -> Typed {
        let whens = node.list("args")
        var results = try whens.map { try translate($0.node("result")!) }
        if let otherwise = node.node("defresult") { results.append(try translate(otherwise)) }
        let resultType = commonType(results.map(\.type))
        results = try results.map { try coerce($0, to: resultType, at: node) }
        var operand: Typed?
        var conditions: [SQLiteExpression] = []
        if let argument = node.node("arg") {
            let value = try translate(argument)
            let tests = try whens.map { try translate($0.node("expr")!) }
            let comparedType = commonType([value.type] + tests.map(\.type))
            let compared = try coerce(value, to: comparedType, at: argument)
            operand = Typed(try comparisonKey(compared, at: argument), compared.type)
            conditions = try tests.map { try comparisonKey(try coerce($0, to: comparedType, at: argument), at: argument) }
        } else {
            conditions = try whens.map { try condition($0.node("expr")!) }
        }
        let branches = zip(conditions, results).map { SQLiteCase.Branch(condition: $0, result: $1.sql) }
        let otherwise = node.has("defresult") ? results.last?.sql : nil
        return Typed(.caseWhen(SQLiteCase(operand: operand?.sql, branches: branches, otherwise: otherwise)), resultType)
    }

    /// GREATEST/LEAST ignore NULL arguments in PostgreSQL; SQLite's max()/min() return NULL if any
    /// argument is NULL. Each argument is replaced by a COALESCE that falls back to the others.
    private func greatestLeast(_ node: ParseNode) throws -> Typed {
        let arguments = try unify(node.list("args"))
        let isGreatest = node.string("op") == "IS_GREATEST"
        for argument in arguments {
            try context.checkTextOrdering(argument.type, construct: isGreatest ? "GREATEST" : "LEAST", at: node.location)
        }
        guard arguments.count > 1 else { return arguments[0] }
        let sqls = arguments.map(\.sql)
        let fallbacks = sqls.indices.map { index in
            SQLiteExpression.call("coalesce", Array(sqls[index...] + sqls[..<index]))
        }
        context.rewrote(isGreatest ? "GREATEST" : "LEAST", as: "\(isGreatest ? "max" : "min")() over COALESCEs (PostgreSQL ignores NULLs)", at: node.location)
        if comparesByKey(arguments[0].type) { return Typed(keyedExtreme(arguments, greatest: isGreatest), arguments[0].type) }
        return Typed(.call(isGreatest ? "max" : "min", fallbacks), arguments[0].type)
    }

    private func collate(_ node: ParseNode) throws -> Typed {
        let operand = try translate(node.node("arg")!)
        let collation = node.names("collname").last ?? ""
        if ["C", "POSIX", "ucs_basic", "C.UTF-8", "C.utf8"].contains(collation) {
            return Typed(.collate(operand.sql, "BINARY"), operand.type == .unknownLiteral ? .text("text") : operand.type)
        }
        throw refusal("text-collation", "COLLATE \"\(collation)\": SQLite only orders text by code point", at: node)
    }

    // MARK: Type unification

    /// Translates a list of expressions that must share one type (COALESCE, IN lists, VALUES).
    func unify(_ nodes: [ParseNode]) throws -> [Typed] {
        let values = try translate(nodes)
        let type = commonType(values.map(\.type))
        return try zip(values, nodes).map { try coerce($0, to: type, at: $1) }
    }

    /// The type a set of expressions resolves to: the first that is not an open literal.
    func commonType(_ types: [SQLType]) -> SQLType {
        if let known = types.first(where: { !$0.isOpen }) {
            if known.isNumber, let widest = types.first(where: \.isFloat) ?? types.first(where: \.isNumeric) {
                return widest
            }
            return known
        }
        return types.contains(.unknownLiteral) ? .text("text") : (types.contains(.any) ? .any : .null)
    }
}
