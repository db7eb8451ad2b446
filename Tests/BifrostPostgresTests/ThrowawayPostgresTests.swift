import BifrostPostgres
import BifrostTestSupport
import Foundation
import Testing

@Suite struct ThrowawayPostgresTests {
    @Test func twoClustersRunSideBySideAndLeaveNothingBehind() throws {
        let first = try ThrowawayPostgres.start()
        let second = try ThrowawayPostgres.start()
        #expect(first.port != second.port)
        #expect(first.directory != second.directory)
        for cluster in [first, second] {
            let connection = try PostgresConnection(cluster.connectionString())
            #expect(try connection.execute("SELECT current_setting('port')").rows == [[String(cluster.port)]])
            // The URL form reaches the same server.
            _ = try PostgresConnection(cluster.url())
        }
        first.stop()
        second.stop()
        #expect(!FileManager.default.fileExists(atPath: first.directory))
        #expect(!FileManager.default.fileExists(atPath: second.directory))
        #expect(throws: PostgresError.self) { try PostgresConnection(first.connectionString()) }
    }

    @Test func clusterUsesUTF8AndUnicodeAwareCaseFolding() throws {
        let connection = try PostgresConnection(try SharedCluster.freshDatabase())
        let row = try connection.execute("SELECT current_setting('server_encoding'), lower('ÉLODIE ÅSE')").rows[0]
        #expect(row == ["UTF8", "élodie åse"])
    }
}
