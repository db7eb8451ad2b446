/// Text functions, by family (see `Families/Text/`).
enum StringFunctions {
    static let handlers: [String: FunctionHandler] = {
        var all: [String: FunctionHandler] = [:]
        for family in [TextMeasureFunctions.handlers, TextCaseFunctions.handlers, TextJoinFunctions.handlers,
                       TextSliceFunctions.handlers, TextEditFunctions.handlers, RegexMatching.functions] {
            all.merge(family) { first, _ in first }
        }
        return all
    }()
}
