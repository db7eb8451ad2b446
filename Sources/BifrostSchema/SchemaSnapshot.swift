import Foundation

/// The JSON form of a schema, for committing to a repository and reloading.
///
/// The document is `{"format": "bifrost-schema", "version": 1, "schema": {…}}`, with keys
/// sorted and the model's property names as keys, so that a snapshot diffs cleanly in
/// version control. Fields that are absent (`nil`) are left out. README.md documents it.
public enum SchemaSnapshot {
    public static let format = "bifrost-schema"
    public static let version = 1

    private struct Document: Codable {
        var format: String
        var version: Int
        var schema: Schema
    }

    /// The snapshot as pretty-printed, key-sorted JSON text (ending in a newline).
    public static func encode(_ schema: Schema) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Document(format: format, version: version, schema: schema))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a snapshot; refuses other documents and newer versions with a clear message.
    public static func decode(_ data: Data) throws -> Schema {
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw SnapshotError("not a JSON object: \(error)")
        }
        guard header.format == format else {
            throw SnapshotError("not a Bifrost schema snapshot (expected \"format\": \"\(format)\")")
        }
        guard let documentVersion = header.version, documentVersion <= version else {
            throw SnapshotError("snapshot version \(header.version.map(String.init) ?? "missing") is newer than this Bifrost reads (\(version)); upgrade Bifrost")
        }
        // The fast reader first; JSONDecoder for exact big integers and for its error messages.
        if let tree = try? JSONValue.parse(String(decoding: data, as: UTF8.self)),
           let document = try? JSONValueDecoder().decode(Document.self, from: tree) {
            return document.schema
        }
        do {
            return try JSONDecoder().decode(Document.self, from: data).schema
        } catch let DecodingError.keyNotFound(key, context) {
            throw SnapshotError("missing field \(key.stringValue) at \(Self.path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            throw SnapshotError("\(context.debugDescription) at \(Self.path(context.codingPath))")
        }
    }

    public static func load(path: String) throws -> Schema {
        do {
            return try decode(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as SnapshotError {
            throw SnapshotError("\(path): \(error.description)")
        }
    }

    private static func path(_ codingPath: [CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

/// A snapshot file that cannot be read.
public struct SnapshotError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
