import ArgumentParser
import FellowshipCore
import FellowshipStore
import Foundation

/// The store shared by the commands that read or record runs (`audit`, `decline`).
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp("The store: an SQLite file of runs and their audit chain.", valueName: "file"))
    var path: String = RunStore.defaultPath

    /// Opens the existing store; a missing file is an error (these commands never create one).
    func open() throws -> RunStore {
        do {
            return try RunStore(path: path, create: false)
        } catch let error as StoreError {
            throw StoreTerminal.fail(error)
        }
    }
}

/// Exit statuses and messages of the store commands.
enum StoreTerminal {
    /// sysexits EX_NOINPUT: the store file does not exist.
    static let noInputStatus: Int32 = 66
    /// sysexits EX_IOERR: the store failed or holds something it cannot read back.
    static let ioErrorStatus: Int32 = 74

    /// Prints `error` and returns the exit code for it.
    static func fail(_ error: StoreError) -> ExitCode {
        Terminal.printError(error.message)
        switch error.code {
        case .noStore: return ExitCode(noInputStatus)
        case .notFound, .conflict: return ExitCode(Terminal.dataErrorStatus)
        default: return ExitCode(ioErrorStatus)
        }
    }

    /// Runs `body`, turning store, allocation and input errors into messages and exit codes.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw fail(error)
        } catch let errors as InputErrors {
            Terminal.printProblems(errors)
            throw ExitCode(Terminal.dataErrorStatus)
        } catch let error as AllocationError {
            Terminal.printError("\(error)")
            throw ExitCode(Terminal.internalErrorStatus)
        }
    }
}

extension InputOptions {
    /// Reads the four files once, keeping their exact bytes for the store, and the budget
    /// override; unreadable files and a bad --budget are reported as `load()` reports them.
    func sources() throws -> RunSources {
        var budgetOverride: Money?
        if let budget {
            guard let amount = Money(decimalText: budget) else {
                throw ValidationError(
                    "--budget: expected an amount such as 60000 or 60000.00 (digits, at most two decimals, not negative), got \"\(budget)\""
                )
            }
            budgetOverride = amount
        }
        do {
            let files = try InputLoader.readFiles(
                meeting: meeting, applications: applications, policy: policy, countries: countries)
            return RunSources(
                meeting: files.meeting, applications: files.applications, policy: files.policy,
                countries: files.countries, budgetOverride: budgetOverride)
        } catch let errors {
            Terminal.printProblems(errors)
            throw ExitCode(Terminal.dataErrorStatus)
        }
    }
}

/// `allocate --db`: decide and store the run (its decisions in one transaction), then compute
/// and store its margins, with progress in a terminal.
enum StoredAllocation {
    /// Decides and stores the run; also returns the chain head as of its commit, which its
    /// decisions.json carries (docs/audit.md, "Anchors").
    static func run(inputs: InputOptions, db: String) throws -> (
        runID: String, result: AllocationResult, anchor: ChainAnchor
    ) {
        let sources = try inputs.sources()
        defer { TerminalProgress.clear() }
        return try StoreTerminal.run {
            let store = try RunStore(path: db)
            let run = try store.allocate(sources, progress: TerminalProgress.reporter("allocate"))
            // Margin phases that earlier processes left unfinished (killed) are completed too.
            for earlier in try store.runsWithPendingMargins() where earlier != run.id {
                _ = try store.completeMargins(
                    of: try store.loadRun(id: earlier),
                    progress: TerminalProgress.reporter("margins of run \(earlier.prefix(8))"))
            }
            return (run.id, run.result, try store.chainAnchor(runID: run.id))
        }
    }
}
