import CLibPQ

/// A libpq connection string (URI or `key=value` form) that never shows its password.
public struct ConnectionString: Sendable, CustomStringConvertible {
    /// The string exactly as the user gave it; pass it to libpq, never print it.
    public let raw: String

    public init(_ raw: String) {
        self.raw = raw
    }

    /// The connection settings libpq parsed from the string, without the password.
    /// Returns `nil` when libpq cannot parse the string.
    public var settings: [(key: String, value: String)]? {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(raw, &errorMessage) else {
            if let errorMessage { PQfreemem(errorMessage) }
            return nil
        }
        defer { PQconninfoFree(options) }
        var settings: [(key: String, value: String)] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                let key = String(cString: keyword)
                settings.append((key, key == "password" ? "********" : String(cString: value)))
            }
            option += 1
        }
        return settings
    }

    /// A printable form: `key=value` pairs as libpq understood them, password masked.
    public var description: String {
        guard let settings else { return "<unparseable connection string>" }
        return settings.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    /// A short label for progress lines and reports: `user@host:port/dbname`.
    public var label: String {
        guard let settings else { return "<unparseable connection string>" }
        let values = Dictionary(settings, uniquingKeysWith: { first, _ in first })
        let host = values["host"] ?? values["hostaddr"] ?? "localhost"
        let port = values["port"].map { ":\($0)" } ?? ""
        let user = values["user"].map { "\($0)@" } ?? ""
        return "\(user)\(host)\(port)/\(values["dbname"] ?? "")"
    }
}
