/// inet/cidr functions over the stored text, which is PostgreSQL's output form: inet prints
/// `addr` for a host (/32 for IPv4, /128 for IPv6) and `addr/len` otherwise; cidr always prints
/// `addr/len`. IPv6 addresses contain `:`, IPv4 ones do not.
enum NetworkFunctions {
    static let handlers: [String: FunctionHandler] = textual.merging(refused) { first, _ in first }

    private static let textual: [String: FunctionHandler] = [
        "host": { translator, call in
            let (address, _) = try argument(translator, call)
            return Typed(hostPart(address), .text("text"))
        },
        "masklen": { translator, call in
            let (address, _) = try argument(translator, call)
            return Typed(maskLength(address), .integer("integer"))
        },
        "family": { translator, call in
            let (address, _) = try argument(translator, call)
            return Typed(ArraySQL.nullIfAnyNull([address], .when(isIPv6(address), then: .integer(6), else: .integer(4))), .integer("integer"))
        },
        "text": { translator, call in
            let (address, _) = try argument(translator, call)
            return Typed(text(address), .text("text"))
        },
        "abbrev": { translator, call in
            let (address, type) = try argument(translator, call)
            guard type == "inet" else {
                throw translator.refusal("unsupported-function", "abbrev(cidr): its abbreviated form (10.1/16) is not reproduced", at: call.node)
            }
            // abbrev(inet) prints like inet's output function.
            return Typed(address, .text("text"))
        },
    ]

    /// Functions computing on the address bits, which SQL over the text cannot do exactly.
    private static let refused: [String: FunctionHandler] = Dictionary(uniqueKeysWithValues: [
        "netmask", "hostmask", "network", "broadcast", "set_masklen", "inet_same_family", "inet_merge",
    ].map { name in
        (name, { translator, call in
            throw translator.refusal("unsupported-function", "\(name)(): computing on inet/cidr address bits is not translated", at: call.node)
        } as FunctionHandler)
    })

    /// Whether a text-form type name is inet or cidr (and which).
    static func networkType(_ type: SQLType) -> String? {
        guard case let .textForm(name) = type else { return nil }
        let base = name.split(separator: ".").last.map(String.init) ?? name
        return base == "inet" || base == "cidr" ? base : nil
    }

    /// The single inet/cidr argument (a column or expression of that type, not a literal:
    /// a literal would need PostgreSQL's normalization of the address first).
    private static func argument(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> (SQLiteExpression, String) {
        try translator.expectArguments(call, 1...1)
        let value = try translator.translate(call.arguments[0])
        guard let type = networkType(value.type) else {
            let what = value.type == .unknownLiteral ? "an untyped literal" : value.type.postgresName ?? "an unknown type"
            throw translator.refusal("unsupported-function", "\(call.name)() of \(what): translated for inet and cidr columns only", at: call.node)
        }
        return (value.sql, type)
    }

    private static func isIPv6(_ address: SQLiteExpression) -> SQLiteExpression {
        .binary(.call("instr", address, .text(":")), ">", .integer(0))
    }

    private static func slash(_ address: SQLiteExpression) -> SQLiteExpression {
        .call("instr", address, .text("/"))
    }

    static func hostPart(_ address: SQLiteExpression) -> SQLiteExpression {
        .when(.binary(slash(address), ">", .integer(0)),
              then: .call("substr", address, .integer(1), .binary(slash(address), "-", .integer(1))), else: address)
    }

    static func maskLength(_ address: SQLiteExpression) -> SQLiteExpression {
        .caseWhen(SQLiteCase(operand: nil, branches: [
            .init(condition: address.isNull(), result: .null),
            .init(condition: .binary(slash(address), ">", .integer(0)),
                  result: .cast(.call("substr", address, .binary(slash(address), "+", .integer(1))), as: "INTEGER")),
            .init(condition: isIPv6(address), result: .integer(128)),
        ], otherwise: .integer(32)))
    }

    /// text(inet) / inet::text: always with the mask length (`192.168.1.5/32`).
    static func text(_ address: SQLiteExpression) -> SQLiteExpression {
        .when(.binary(slash(address), ">", .integer(0)), then: address,
              else: JSONSQL.concat([address, .text("/"), .cast(maskLength(address), as: "TEXT")]))
    }
}
