#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Standard error when it is a terminal: one status line rewritten in place.
struct ProgressTerminal {
    /// The terminal on standard error, or nil when standard error is a file or pipe.
    static var standardError: ProgressTerminal? {
        isatty(STDERR_FILENO) == 1 ? ProgressTerminal() : nil
    }

    /// The terminal's width, so a status line never wraps (a wrapped line cannot be redrawn).
    var columns: Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Replaces the status line with `text`, cut to the terminal's width.
    func draw(_ text: String) {
        write("\r" + String(text.prefix(max(1, columns - 1))) + "\u{1B}[K")
    }

    /// Removes the status line, leaving the cursor at the start of the empty line.
    func clear() {
        write("\r\u{1B}[K")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
