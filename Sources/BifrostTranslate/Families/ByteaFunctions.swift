/// encode() and decode() between bytea and text; the codecs are in `Bytea/`.
enum ByteaFunctions {
    static let handlers: [String: FunctionHandler] = [
        "encode": { translator, call in
            try translator.expectArguments(call, 2...2)
            let bytes = try translator.translate(call.arguments[0], as: .bytea)
            guard bytes.type == .bytea || bytes.type.isOpen else {
                throw translator.refusal("unsupported-function", "encode() of \(bytes.type.postgresName ?? "?") (it takes bytea)", at: call.node)
            }
            switch try format(translator, call) {
            case "hex": return Typed(HexCodec.encode(bytes.sql), .text("text"))
            case "base64": return Typed(Base64Codec.encode(bytes.sql, translator.context), .text("text"))
            default: throw escapeRefusal(translator, call)
            }
        },
        "decode": { translator, call in
            try translator.expectArguments(call, 2...2)
            let text = try translator.translate(call.arguments[0], as: .text("text"))
            guard text.type.isTextual || text.type.isOpen else {
                throw translator.refusal("unsupported-function", "decode() of \(text.type.postgresName ?? "?") (it takes text)", at: call.node)
            }
            let value = try translator.textValue(text, at: call.arguments[0])
            switch try format(translator, call) {
            case "hex": return Typed(HexCodec.decode(value, translator.context), .bytea)
            case "base64": return Typed(Base64Codec.decode(value, translator.context), .bytea)
            default: throw escapeRefusal(translator, call)
            }
        },
    ]

    /// The format argument, a constant: hex, base64 or escape (case-insensitive, as in PostgreSQL).
    private static func format(_ translator: ExpressionTranslator, _ call: FunctionCall) throws -> String {
        let node = call.arguments[1]
        let value = try translator.translate(node, as: .text("text"))
        guard case let .literal(.text(name)) = value.sql else {
            throw translator.refusal("unsupported-function", "\(call.name)() with a format known only at run time", at: node)
        }
        let format = name.lowercased()
        guard ["hex", "base64", "escape"].contains(format) else {
            throw translator.refusal("invalid-argument", "unrecognized encoding: \"\(name)\"", at: node)
        }
        translator.context.rewrote("\(call.name)(…, '\(format)')", as: format == "hex" && call.name == "encode" ? "lower(hex(…))" : "a recursive CTE over the input", at: call.location)
        return format
    }

    private static func escapeRefusal(_ translator: ExpressionTranslator, _ call: FunctionCall) -> TranslationRefusal {
        translator.refusal("unsupported-function", "\(call.name)(…, 'escape'): PostgreSQL's escape format (octal escapes for non-printable bytes) is not translated; use 'hex' or 'base64'", at: call.node)
    }
}
