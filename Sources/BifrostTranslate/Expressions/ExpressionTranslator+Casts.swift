/// Casts, literal coercion and PostgreSQL's text rendering of stored values.
extension ExpressionTranslator {
    func typeCast(_ node: ParseNode) throws -> Typed {
        let operand = try translate(node.node("arg")!)
        let target = try resolveType(node.embedded("typeName", as: "TypeName")!)
        if operand.literalText != nil || operand.type == .null {
            context.rewrote("cast of a literal to \(target.postgresName ?? "?")", as: "constant in SQLite storage form", at: node.location)
        }
        return try cast(operand, to: target, at: node)
    }

    /// The SQLType a TypeName node names (built-in types, enums of the schema, arrays of them).
    func resolveType(_ typeName: ParseNode) throws -> SQLType {
        let names = typeName.names("names")
        let name = names.last ?? ""
        let modifiers = typeName.list("typmods").compactMap { node -> Int? in
            node.embedded("ival", as: "Integer")?.int("ival")
        }
        var type: SQLType
        if let builtIn = SQLType(catalogName: name, numericScale: modifiers.count >= 2 ? modifiers[1] : (name == "numeric" && modifiers.count == 1 ? 0 : nil)) {
            type = builtIn
        } else if let enumeration = context.catalog.enumeration(names.filter { $0 != "pg_catalog" }) {
            type = .enumeration(enumeration.qualifiedName)
        } else {
            throw refusal("unsupported-cast", "type \(names.filter { $0 != "pg_catalog" }.joined(separator: ".")) has no SQLite mapping the translator knows", at: typeName)
        }
        if case let .text(name) = type, name == "character varying" || name == "character",
           let length = modifiers.first ?? (name == "character" ? 1 : nil) {
            type = .text("\(name)(\(length))")
        }
        if typeName.has("arrayBounds") { type = .array(type) }
        return type
    }

    /// Gives an expression `type`: literals and parameters take it (as PostgreSQL's context
    /// typing does), other values are cast.
    func coerce(_ value: Typed, to type: SQLType, at node: ParseNode) throws -> Typed {
        if value.type == type || type.isOpen { return value }
        switch value.type {
        case .null:
            return Typed(.null, type, location: value.location)
        case .any:
            return Typed(value.sql, type, location: value.location)
        case .unknownLiteral:
            if value.literalText == nil, case let .parameter(number) = value.sql {
                context.parameterTypes[number] = type
                return Typed(value.sql, type, location: value.location)
            }
            return try cast(value, to: type, at: node)
        default:
            if value.type.isNumber && type.isNumber { return Typed(value.sql, type, location: value.location) }
            if value.type.isBlankPadded && !type.isBlankPadded && type.isTextual {
                // character(n) → text drops the padding, as PostgreSQL's cast does.
                return Typed(.call("rtrim", value.sql, .text(" ")), type, location: value.location)
            }
            if value.type.isTextual && type.isTextual { return Typed(value.sql, type, location: value.location) }
            return value
        }
    }

    /// `value::type` with PostgreSQL's semantics for values in Bifrost's storage format.
    func cast(_ value: Typed, to target: SQLType, at node: ParseNode) throws -> Typed {
        if value.type == target { return value }
        if value.type == .null { return Typed(.null, target) }
        if let text = value.literalText, value.type == .unknownLiteral {
            return Typed(try LiteralCoercion.storage(of: text, as: target, translator: self, at: node), target)
        }
        let source = value.type == .unknownLiteral ? SQLType.text("text") : value.type
        if case let .parameter(number) = value.sql, value.type == .unknownLiteral {
            context.parameterTypes[number] = target
            return Typed(value.sql, target)
        }
        switch target {
        case let .text(name):
            var text = try textValue(Typed(value.sql, source), at: node)
            if let length = target.declaredLength {
                text = target.isBlankPadded
                    ? .call("printf", .text("%!-\(length).\(length)s"), text)
                    : .call("substr", text, .integer(1), .integer(Int64(length)))
            }
            return Typed(text, .text(name))
        case .integer:
            switch source {
            case .integer, .boolean, .any: return Typed(value.sql, target)
            case .numeric:
                // numeric → integer rounds half away from zero, as SQLite's round() does.
                return Typed(.cast(.call("round", value.sql), as: "INTEGER"), target)
            case .float:
                return Typed(Self.roundHalfEven(value.sql), target)
            case .text, .enumeration:
                return Typed(.cast(.call("trim", value.sql), as: "INTEGER"), target)
            default: break
            }
        case let .numeric(scale):
            switch source {
            case .integer, .numeric, .float:
                return Typed(scale.map { .call("round", value.sql, .integer(Int64($0))) } ?? value.sql, target)
            case .text:
                let number = SQLiteExpression.cast(.call("trim", value.sql), as: "NUMERIC")
                return Typed(scale.map { .call("round", number, .integer(Int64($0))) } ?? number, target)
            default: break
            }
        case .float:
            switch source {
            case .integer, .numeric, .float, .text: return Typed(.cast(value.sql, as: "REAL"), target)
            default: break
            }
        case .boolean:
            switch source {
            case .integer: return Typed(.binary(value.sql, "<>", .integer(0)), .boolean)
            case .text:
                let word = SQLiteExpression.call("lower", .call("trim", value.sql))
                let truths = ["t", "tr", "tru", "true", "y", "ye", "yes", "on", "1"].map(SQLiteExpression.text)
                let falsehoods = ["f", "fa", "fal", "fals", "false", "n", "no", "of", "off", "0"].map(SQLiteExpression.text)
                return Typed(.caseWhen(SQLiteCase(operand: nil, branches: [
                    .init(condition: .inList(word, truths, negated: false), result: .integer(1)),
                    .init(condition: .inList(word, falsehoods, negated: false), result: .integer(0)),
                ], otherwise: nil)), .boolean)
            default: break
            }
        case .uuid:
            if source.isTextual { return Typed(.call("lower", value.sql), .uuid) }
        case .enumeration:
            if source.isTextual || source.isOpen { return Typed(value.sql, target) }
        case .json, .jsonb, .array:
            if let converted = try JSONOperators.cast(self, value, to: target, at: node) { return converted }
            if let converted = try ArrayOperators.cast(self, value, to: target, at: node) { return converted }
        case .timestamptz, .timestamp, .date, .time, .interval:
            return try DateTimeOperators.cast(self, Typed(value.sql, source), to: target, at: node)
        case .bytea:
            break
        default: break
        }
        throw refusal("unsupported-cast", "cast from \(source.postgresName ?? "unknown") to \(target.postgresName ?? "unknown")", at: node)
    }

    /// float → integer rounds half to even in PostgreSQL (rint); SQLite's round() rounds half away.
    static func roundHalfEven(_ value: SQLiteExpression) -> SQLiteExpression {
        let rounded = SQLiteExpression.cast(.call("round", value), as: "INTEGER")
        let isHalf = SQLiteExpression.binary(.call("abs", .binary(value, "-", .cast(value, as: "INTEGER"))), "=", .literal(.real(0.5)))
        let isOdd = SQLiteExpression.binary(.binary(rounded, "%", .integer(2)), "<>", .integer(0))
        return .when(.and([isHalf, isOdd]),
                     then: .binary(rounded, "-", .call("sign", value)),
                     else: rounded)
    }

    /// The value as PostgreSQL's text output would print it (`::text`, `||`, format()).
    func textValue(_ value: Typed, at node: ParseNode) throws -> SQLiteExpression {
        switch value.type {
        case .text where value.type.isBlankPadded:
            return .call("rtrim", value.sql, .text(" "))
        case .textForm where NetworkFunctions.networkType(value.type) != nil:
            // inet's cast to text shows the mask length even for hosts.
            return NetworkFunctions.text(value.sql)
        case .text, .unknownLiteral, .uuid, .enumeration, .textForm, .null, .any, .date, .time, .timestamp:
            return value.sql
        case .integer:
            return value.sql
        case .boolean:
            return .when(value.sql, then: .text("true"), else: .when(.postfix(value.sql, "IS NULL"), then: .null, else: .text("false")))
        case let .numeric(scale):
            guard let scale else {
                context.warnOnce("numeric-precision", "numeric without a declared scale is printed from its SQLite value, which may drop trailing zeros", at: node.location)
                return .cast(value.sql, as: "TEXT")
            }
            let formatted = SQLiteExpression.call("printf", .text("%.\(scale)f"), value.sql)
            // typeof 'text': NaN or a number kept as text; 'null': printf would print NULL as 0.
            return .caseWhen(SQLiteCase(operand: .call("typeof", value.sql), branches: [
                .init(condition: .text("text"), result: value.sql), .init(condition: .text("null"), result: .null),
            ], otherwise: formatted))
        case .timestamptz:
            return try DateTimeOperators.timestamptzText(self, value, at: node)
        case .interval:
            context.warnOnce("interval-style", "interval text is the ISO 8601 form (IntervalStyle iso_8601)", at: node.location)
            return value.sql
        case .bytea:
            return .binary(.text("\\x"), "||", .call("lower", .call("hex", value.sql)))
        case .float:
            throw refusal("unsupported-cast", "text of a float: SQLite prints 15 significant digits, PostgreSQL the shortest exact form", at: node)
        case .json, .jsonb:
            return JSONOperators.text(self, value, at: node)
        case .array:
            throw refusal("unsupported-cast", "text of an array (use array_to_string)", at: node)
        case .record:
            throw refusal("unsupported-cast", "text of a row", at: node)
        }
    }
}
