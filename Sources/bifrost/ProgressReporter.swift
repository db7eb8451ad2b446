import BifrostSchema
import BifrostTransfer
import Foundation

/// Turns transfer events into what a person sees. On a terminal (standard error), a status
/// line per running table rewritten in place at most ten times a second; a finished
/// table's line stays, on standard output — or on the terminal with `--json`, whose
/// standard output holds only the JSON document; not at all with `--json` off a terminal
/// or with `--quiet`. Notes go to standard error unless `--quiet`.
final class ProgressReporter {
    private struct Running {
        var started: ContinuousClock.Instant
        var estimatedRows: Double
        var rows = 0
    }

    private let output: OutputOptions
    private let terminal: ProgressTerminal?
    private let clock = ContinuousClock()
    private var running: [(name: QualifiedName, state: Running)] = []
    private var lastDraw: ContinuousClock.Instant?
    private var statusShown = false

    init(_ output: OutputOptions, terminal: ProgressTerminal? = .standardError) {
        self.output = output
        self.terminal = output.quiet ? nil : terminal
    }

    /// Where lines that stay (finished tables, "verifying") go, if anywhere.
    private var writeLine: ((String) -> Void)? {
        if output.quiet { return nil }
        if !output.json {
            return { line in
                print(line)
                fflush(nil)
            }
        }
        return terminal == nil ? nil : { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    }

    func handle(_ event: TransferEvent) {
        switch event {
        case let .tableStarted(name, estimatedRows):
            running.append((name, Running(started: clock.now, estimatedRows: estimatedRows)))
            redraw(force: true)
        case let .tableProgress(name, rows, _):
            if let index = running.firstIndex(where: { $0.name == name }) { running[index].state.rows = rows }
            redraw(force: false)
        case let .tableFinished(table):
            running.removeAll { $0.name == table.source }
            keep(ProgressLine.finished(table))
        case .verifying:
            keep("verifying: comparing every row of both sides…")
        case let .note(note):
            guard !output.quiet else { return }
            clearStatus()
            printError("note: \(note)")
            redraw(force: true)
        }
    }

    /// Removes the status line; call before the final summary or an error.
    func finish() {
        running.removeAll()
        clearStatus()
    }

    private func keep(_ line: String) {
        clearStatus()
        writeLine?(line)
        redraw(force: true)
    }

    private func redraw(force: Bool) {
        guard let terminal, !running.isEmpty else { return }
        let now = clock.now
        if !force, let lastDraw, now - lastDraw < .milliseconds(100) { return }
        lastDraw = now
        let lines = running.map { table in
            let elapsed = table.state.started.duration(to: now)
            return ProgressLine(table: table.name.name, rows: table.state.rows, estimatedRows: table.state.estimatedRows,
                                elapsed: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18).text
        }
        terminal.draw(lines.joined(separator: "  |  "))
        statusShown = true
    }

    private func clearStatus() {
        guard statusShown, let terminal else { return }
        terminal.clear()
        statusShown = false
    }
}
