/// Facts about Bifrost itself that files it writes record.
public enum Bifrost {
    /// The version of the toolkit, recorded in every file `convert` writes.
    public static let version = "0.1.0"
}
