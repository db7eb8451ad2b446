import BifrostIntrospection
import BifrostMapping
import BifrostPostgres
import BifrostSchema
import BifrostTestSupport
@testable import BifrostTransfer
import Testing

/// Which foreign keys convert leaves to verification instead of `PRAGMA foreign_key_check`.
@Suite struct ReferenceProofTests {
    @Test func byteExactKeysAreProvenLooserOnesAreChecked() throws {
        let source = try SharedCluster.freshDatabase(prefix: "proof")
        let postgres = try PostgresConnection(source)
        try postgres.execute("""
            CREATE TABLE parent (id uuid PRIMARY KEY, code varchar(8) UNIQUE, amount numeric UNIQUE,
                                 label char(4) UNIQUE, weight float8 UNIQUE);
            CREATE TABLE by_uuid (parent_id uuid REFERENCES parent (id), parent_code varchar(8) REFERENCES parent (code));
            CREATE TABLE by_numeric (amount numeric REFERENCES parent (amount));
            CREATE TABLE by_char (label char(4) REFERENCES parent (label));
            CREATE TABLE by_float (weight float8 REFERENCES parent (weight));
            """)
        let schema = try PostgresSchemaReader(connection: postgres).read(schemas: ["public"])
        let mappings = try Verification.plan(schema, rules: .defaultRules)
        let proof = ReferenceProof(mappings: mappings)
        func proven(_ table: String) -> Bool {
            mappings.first { $0.table.name.name == table }.map(proof.verificationProves) ?? false
        }
        #expect(proven("by_uuid"))
        #expect(!proven("by_numeric"), "1.0 and 1.00 are equal numerics stored differently")
        #expect(!proven("by_char"), "char(n) compares without trailing blanks")
        #expect(!proven("by_float"), "-0 and 0 are equal floats stored differently")
    }
}
