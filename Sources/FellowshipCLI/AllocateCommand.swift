import ArgumentParser
import FellowshipCore
import Foundation

struct AllocateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Decide every application of a meeting and write decisions.json.",
        discussion: """
            Screens every application against the eligibility gates, solves the allocation model \
            to proven optimality, applies the published tie rule and gives each application its \
            outcome and reasons. Bad input is reported as FILE:LINE: column: problem, all at once, \
            with exit status 65, and nothing is written.

            Example:
              fellowship allocate --meeting Data/meetings/sg20-2020-07.json \\
                --applications Data/samples/sg20-2020-07/applications.csv \\
                --policy Data/policies/default.json --out decisions.json
              fellowship allocate --meeting Data/meetings/sg20-2020-07.json \\
                --applications Data/samples/sg20-2020-07/applications.csv \\
                --policy Data/policies/default.json --db fellowship.sqlite
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var inputs: InputOptions

    @Option(help: ArgumentHelp("Write decisions.json to this file (atomically).", valueName: "file"))
    var out: String?

    @Option(help: "What to print on standard output: a readable table, or decisions.json.")
    var format: OutputFormat = .table

    @Option(
        help: ArgumentHelp(
            "Also store the run (inputs, decisions, audit events) in this SQLite store, e.g. fellowship.sqlite; without --db nothing is stored.",
            valueName: "file"))
    var db: String?

    func run() throws {
        let runID: String
        let result: AllocationResult
        var anchor: ChainAnchor?
        if let db {
            let stored = try StoredAllocation.run(inputs: inputs, db: db)
            (runID, result, anchor) = (stored.runID, stored.result, stored.anchor)
        } else {
            let progress = TerminalProgress.reporter("allocate")
            progress?(RunProgress(.reading))
            let loaded = try inputs.load()
            do {
                progress?(RunProgress(.screening))
                let screening = Screening(inputs: loaded)
                progress?(RunProgress(.solving))
                result = try Allocator.allocate(screening, progress: progress)
                TerminalProgress.clear()
            } catch {
                TerminalProgress.clear()
                Terminal.printError("\(error)")
                throw ExitCode(Terminal.internalErrorStatus)
            }
            runID = UUID().uuidString.lowercased()
        }
        let decisions = result.decisionsDocument(runID: runID)
        let document = (anchor?.attached(to: decisions) ?? decisions).document
        if let out { try Terminal.writeAtomically(document, to: out) }
        switch format {
        case .table: print(AllocationTable.render(result), terminator: "")
        case .json: print(document, terminator: "")
        }
        if let db {
            let line = "Stored run \(runID) in \(db)\n"
            if format == .table {
                print("\n" + line, terminator: "")
            } else {
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
    }
}
