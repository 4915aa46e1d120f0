import ArgumentParser
import FellowshipCore
import Foundation

/// Shows `RunProgress` on standard error, on one line rewritten in place, only for a person
/// watching a terminal: nothing when standard error is a pipe or a file, or when `CI` is set,
/// so logs and captured output never carry it.
enum TerminalProgress {
    static var shown: Bool { ExplanationProgress.shown }

    /// A reporter writing "allocate: margins 12/140", or nil when progress is not shown.
    static func reporter(_ command: String) -> ProgressReporter? {
        guard shown else { return nil }
        return { progress in
            FileHandle.standardError.write(Data("\r\u{1B}[K\(command): \(progress)".utf8))
        }
    }

    /// Clears the progress line (when one may have been written).
    static func clear() { ExplanationProgress.clear() }

    /// Runs `body`, whose work shows progress, and clears the progress line whatever happens
    /// before anything else is printed; an error that is not an exit status is printed and
    /// exits 70 (internal error).
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            let value = try body()
            clear()
            return value
        } catch let error as ExitCode {
            clear()
            throw error
        } catch {
            clear()
            Terminal.printError("\(error)")
            throw ExitCode(Terminal.internalErrorStatus)
        }
    }
}
