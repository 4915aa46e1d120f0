import ArgumentParser
import FellowshipCore
import FellowshipStore
import Foundation

/// `fellowship margins`: computes and stores the margins of a stored run that are not stored yet.
struct MarginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "margins",
        abstract: "Complete the margins of a stored run (after an interruption), or of every run left incomplete.",
        discussion: """
            `allocate --db` stores the decisions of a run first and its margins (section 6 of \
            docs/model.md) afterwards, each as it is computed. A run whose margin phase was \
            interrupted (the process was killed, the machine restarted) keeps its decisions; \
            this command computes the margins still missing and stores them, with their audit \
            events. Margins already stored are never computed again. Explanations and waitlists \
            of such a run compute the margins they need on demand meanwhile.

            Exit status: 0 done; 65 unknown run; 66 the store does not exist; 70 internal error; \
            74 store unreadable.

            Examples:
              fellowship margins --run 3f2a9c1e --db fellowship.sqlite
              fellowship margins --pending --db fellowship.sqlite
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("run"), help: ArgumentHelp("The run (its id, or a unique start of it).", valueName: "id"))
    var runID: String?

    @Flag(help: "Complete every run whose margins are not all stored, oldest first.")
    var pending = false

    func validate() throws {
        if (runID != nil) == pending { throw ValidationError("give --run ID or --pending") }
    }

    func run() throws {
        let store = try self.store.open()
        let ids = try StoreTerminal.run {
            try runID.map { [try store.resolveRunID($0)] } ?? store.runsWithPendingMargins()
        }
        if ids.isEmpty { print("Every stored run has all its margins.") }
        for id in ids {
            let (completed, missing) = try TerminalProgress.run {
                let run = try StoreTerminal.run { try store.loadRun(id: id) }
                let missing =
                    run.result.problem.candidates.count
                    - (try StoreTerminal.run { try store.storedMarginCount(runID: id) })
                let completed = try StoreTerminal.run {
                    try store.completeMargins(
                        of: run, progress: TerminalProgress.reporter("margins of run \(id.prefix(8))"))
                }
                return (completed, missing)
            }
            let count = completed.result.problem.candidates.count
            print("Run \(id): \(count) margin\(count == 1 ? "" : "s") stored (\(missing) computed now).")
        }
    }
}
