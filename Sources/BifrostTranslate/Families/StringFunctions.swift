/// Text functions.
enum StringFunctions {
    static let handlers: [String: FunctionHandler] = [:]
}
