/// jsonb `@>`, `<@` and `=` against a document known at translation time, compiled into
/// predicates over the stored text (PostgreSQL's JsonbDeepContains / jsonb equality):
/// - an object contains an object when every key of the latter is present with a contained value;
/// - an array contains an array when every element of the latter is contained in some element
///   (order and duplicates do not matter); a top-level array also contains a lone scalar;
/// - scalars match by type and value, numbers by numeric value (1.5 = 1.50).
enum JSONContainment {
    static func `operator`(_ translator: ExpressionTranslator, _ call: OperatorCall, leftContains: Bool) throws -> Typed? {
        guard let left = call.left, left.type == .jsonb || call.right.type == .jsonb else { return nil }
        let (container, contained) = leftContains ? (left, call.right) : (call.right, left)
        if let pattern = try JSONOperators.constant(contained, translator, at: call.node) {
            var document = try translator.coerce(container, to: .jsonb, at: call.node)
            document.sql = JSONSQL.isolated(document.sql)
            let predicate = try Compiler(translator: translator, node: call.node)
                .contains(document.sql, .text("$"), pattern, topLevel: true)
            // Missing paths make json_type() NULL: PostgreSQL answers false there.
            return Typed(JSONSQL.nullIfNull([document.sql], .call("coalesce", predicate, .integer(0))), .boolean)
        }
        throw translator.refusal("unsupported-json", "jsonb \(call.symbol) is translated only when the contained side is a constant", at: call.node)
    }

    static func equality(_ translator: ExpressionTranslator, _ call: OperatorCall, negated: Bool) throws -> Typed? {
        guard let left = call.left, left.type.isJSON || call.right.type.isJSON else { return nil }
        if left.type == .json || call.right.type == .json {
            throw translator.refusal("unsupported-json", "operator \(call.symbol) does not exist for json (compare jsonb, or the text)", at: call.node)
        }
        let constantRight = try JSONOperators.constant(call.right, translator, at: call.node)
        let constantLeft = constantRight == nil ? try JSONOperators.constant(left, translator, at: call.node) : nil
        guard let value = constantRight ?? constantLeft else {
            throw translator.refusal("unsupported-json", "jsonb \(call.symbol) between two values known only at run time (jsonb compares numbers by value, the stored text by spelling)", at: call.node)
        }
        var document = try translator.coerce(constantRight != nil ? left : call.right, to: .jsonb, at: call.node)
        document.sql = JSONSQL.isolated(document.sql)
        var predicate: SQLiteExpression
        if value.containsNumber {
            predicate = .call("coalesce", try Compiler(translator: translator, node: call.node).equals(document.sql, .text("$"), value), .integer(0))
        } else {
            // Without numbers the canonical text is unique: text equality is jsonb equality.
            predicate = .binary(document.sql, "=", .text(value.compactText))
        }
        if negated { predicate = .prefix("NOT", predicate) }
        return Typed(JSONSQL.nullIfNull([document.sql], predicate), .boolean)
    }

    /// Builds predicates on the value at `path` (a text expression) inside `document`.
    struct Compiler {
        let translator: ExpressionTranslator
        let node: ParseNode

        private func type(_ document: SQLiteExpression, _ path: SQLiteExpression) -> SQLiteExpression {
            path == .text("$") ? .call("json_type", document) : .call("json_type", document, path)
        }

        private func typeIs(_ document: SQLiteExpression, _ path: SQLiteExpression, _ name: String) -> SQLiteExpression {
            .binary(type(document, path), "=", .text(name))
        }

        private func member(_ path: SQLiteExpression, _ key: String) throws -> SQLiteExpression {
            guard let segment = JSONSQL.keySegment(key) else {
                throw translator.refusal("unsupported-json", "JSON key \"\(key)\" contains a double quote, which SQLite's JSON paths cannot address", at: node)
            }
            return JSONSQL.concat([path, .text(segment)])
        }

        func contains(_ document: SQLiteExpression, _ path: SQLiteExpression, _ pattern: JSONDocument,
                      topLevel: Bool) throws -> SQLiteExpression {
            switch pattern {
            case let .object(members):
                var terms = [typeIs(document, path, "object")]
                for member in members {
                    let memberPath = try self.member(path, member.key)
                    switch member.value {
                    case .object: terms.append(try contains(document, memberPath, member.value, topLevel: false))
                    case let .array(items):
                        terms.append(typeIs(document, memberPath, "array"))
                        terms += try arrayContains(document, memberPath, items)
                    default: terms.append(scalarEquals(document, memberPath, member.value))
                    }
                }
                return .and(terms)
            case let .array(items):
                return .and([typeIs(document, path, "array")] + (try arrayContains(document, path, items)))
            default:
                guard topLevel else { return scalarEquals(document, path, pattern) }
                return .or([.and([typeIs(document, path, "array")] + (try arrayContains(document, path, [pattern]))),
                            scalarEquals(document, path, pattern)])
            }
        }

        /// One EXISTS per distinct element of `items`: some element of the array contains it.
        private func arrayContains(_ document: SQLiteExpression, _ path: SQLiteExpression,
                                   _ items: [JSONDocument]) throws -> [SQLiteExpression] {
            var seen: [JSONDocument] = []
            var terms: [SQLiteExpression] = []
            for item in items where !seen.contains(item) {
                seen.append(item)
                let row = translator.context.freshAlias("jc")
                let elementPath = SQLiteExpression.column(table: row, name: "fullkey")
                let condition: SQLiteExpression
                switch item {
                case let .array(nested):
                    condition = .and([typeIs(document, elementPath, "array")] + (try arrayContains(document, elementPath, nested)))
                case .object:
                    condition = try contains(document, elementPath, item, topLevel: false)
                default:
                    condition = scalarEquals(document, elementPath, item)
                }
                terms.append(.exists(SQLiteSelect(SQLiteSelectCore(
                    columns: [.expression(.integer(1), alias: nil)],
                    from: .tableFunction(name: "json_each", arguments: path == .text("$") ? [document] : [document, path], alias: row),
                    whereClause: condition))))
            }
            return terms
        }

        func scalarEquals(_ document: SQLiteExpression, _ path: SQLiteExpression, _ value: JSONDocument) -> SQLiteExpression {
            switch value {
            case let .string(text):
                return .and([typeIs(document, path, "text"), .binary(.binary(document, "->>", path), "=", .text(text))])
            case let .number(canonical):
                return .and([.inList(type(document, path), [.text("integer"), .text("real")], negated: false),
                             .binary(JSONSQL.normalizedNumber(.binary(document, "->", path)), "=",
                                     .text(JSONSQL.normalizedNumber(canonical)))])
            case let .bool(flag):
                return typeIs(document, path, flag ? "true" : "false")
            default:
                return typeIs(document, path, "null")
            }
        }

        /// jsonb equality with a constant: same structure, same keys, numbers equal by value.
        func equals(_ document: SQLiteExpression, _ path: SQLiteExpression, _ value: JSONDocument) throws -> SQLiteExpression {
            let countAll = { (arguments: [SQLiteExpression]) in
                SQLiteExpression.subquery(SQLiteSelect(SQLiteSelectCore(
                    columns: [.expression(.function(SQLiteFunctionCall(name: "count", star: true)), alias: nil)],
                    from: .tableFunction(name: "json_each", arguments: arguments, alias: translator.context.freshAlias("jq")))))
            }
            let arguments = path == .text("$") ? [document] : [document, path]
            switch value {
            case let .object(members):
                return .and([typeIs(document, path, "object"),
                             .binary(countAll(arguments), "=", .integer(Int64(members.count)))]
                            + (try members.map { try equals(document, try member(path, $0.key), $0.value) }))
            case let .array(items):
                return .and([typeIs(document, path, "array"),
                             .binary(.call("json_array_length", arguments), "=", .integer(Int64(items.count)))]
                            + (try items.enumerated().map {
                                try equals(document, JSONSQL.concat([path, .text(JSONSQL.indexSegment($0.offset))]), $0.element)
                            }))
            default:
                return scalarEquals(document, path, value)
            }
        }
    }
}
