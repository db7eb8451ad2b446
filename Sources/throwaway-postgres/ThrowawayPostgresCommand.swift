import ArgumentParser
import BifrostPostgres
import BifrostTestSupport
import Foundation

@main
struct ThrowawayPostgresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "throwaway-postgres",
        abstract: "Starts a private PostgreSQL in a temporary directory, and removes it afterwards.",
        discussion: """
            With a command after `--`, runs it with BIFROST_PG_URL set to the database's connection \
            string (and `{url}` in its arguments replaced by it), then stops the server and exits \
            with the command's status. Without one, prints the connection string and keeps the \
            server until Ctrl-C. The server and its files are removed even if this program is killed.
            """)

    @Option(name: .long, help: "The database to create.")
    var database = "bifrost"

    @Option(name: .long, help: "A SQL file to run in the database after creating it (repeatable, in order).")
    var load: [String] = []

    @Argument(parsing: .postTerminator, help: "The command to run against the database.")
    var command: [String] = []

    func run() throws {
        let cluster = try ThrowawayPostgres.start()
        defer { cluster.stop() }
        try cluster.createDatabase(database)
        for file in load {
            try cluster.load(file: file, into: database)
        }
        let url = cluster.url(database: database)
        guard let executable = command.first else {
            print(url)
            print("PostgreSQL is running in \(cluster.directory); press Ctrl-C to stop it and remove everything.")
            fflush(nil)
            waitForInterrupt()
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + command.dropFirst().map { $0.replacingOccurrences(of: "{url}", with: url) }
        var environment = ProcessInfo.processInfo.environment
        environment["BIFROST_PG_URL"] = url
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            cluster.stop()
            throw ExitCode(process.terminationStatus)
        }
    }

    private func waitForInterrupt() {
        let semaphore = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { semaphore.signal() }
            source.resume()
            sources.append(source)
        }
        semaphore.wait()
    }
}
