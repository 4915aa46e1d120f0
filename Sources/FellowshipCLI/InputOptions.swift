import ArgumentParser
import FellowshipCore
import Foundation

/// The four input files shared by every command that decides.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The meeting (meeting.json).", valueName: "file"))
    var meeting: String

    @Option(help: ArgumentHelp("The applications (applications.csv).", valueName: "file"))
    var applications: String

    @Option(help: ArgumentHelp("The policy (policy.json).", valueName: "file"))
    var policy: String

    @Option(help: ArgumentHelp("The Member States (countries.csv).", valueName: "file"))
    var countries: String = "Data/countries.csv"

    @Option(help: ArgumentHelp("Overrides the policy's budget, e.g. 45000 or 45000.50.", valueName: "amount"))
    var budget: String?

    /// Loads and validates everything; on bad input prints every problem and exits 65.
    func load() throws -> AllocationInputs {
        let sources = try sources()
        do {
            return try sources.load()
        } catch let errors {
            Terminal.printProblems(errors)
            throw ExitCode(Terminal.dataErrorStatus)
        }
    }
}

/// Exit statuses and error printing shared by the commands.
enum Terminal {
    /// sysexits EX_DATAERR: the input data was incorrect.
    static let dataErrorStatus: Int32 = 65
    /// sysexits EX_SOFTWARE: an internal error.
    static let internalErrorStatus: Int32 = 70
    /// sysexits EX_CANTCREAT: an output file could not be written.
    static let cannotCreateStatus: Int32 = 73

    static func printProblems(_ errors: InputErrors) {
        var text = errors.problems.map(\.description).joined(separator: "\n")
        let count = errors.problems.count
        text += "\nerror: \(count) problem\(count == 1 ? "" : "s") in the input; nothing was decided or written.\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
    }

    /// Writes `text` to `path` atomically (a temporary file renamed into place), so a
    /// reader never sees half a file and a failed run leaves the old file untouched.
    static func writeAtomically(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            printError("cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(cannotCreateStatus)
        }
    }
}
