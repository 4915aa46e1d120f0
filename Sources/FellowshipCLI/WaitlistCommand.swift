import ArgumentParser
import FellowshipCore
import FellowshipStore
import Foundation

struct WaitlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waitlist",
        abstract: "List the eligible applications not awarded, closest to a fellowship first.",
        discussion: """
            Orders the eligible applications that were not awarded by their margin (section 6 \
            of docs/model.md: the score points each would have needed), smallest first; equal \
            margins in submission order; applications that no allocation within the policy can \
            fund (margin none) last. A margin of 0 is a tie that the published tie rule \
            settled the other way (`fellowship explain` says how). Each margin is one extra \
            optimisation, run in parallel.

            The decision comes from a stored run (--run, --db) or, without --run, from the four \
            input files, decided exactly as `fellowship allocate` decides them.

            Exit status: 65 for bad input, 66 when the store does not exist, 70 for an internal error.

            Examples:
              fellowship waitlist --run 3f2a9c1e --db fellowship.sqlite
              fellowship waitlist --meeting Data/meetings/sg20-2020-07.json \\
                --applications Data/samples/sg20-2020-07/applications.csv \\
                --policy Data/policies/default.json --format json
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var source: DecisionSource

    @Option(help: "What to print: a readable table, or JSON.")
    var format: OutputFormat = .table

    @Option(
        name: [.customLong("top"), .customLong("limit")],
        help: ArgumentHelp(
            "Show only the first N applications of the waitlist, found exactly without computing every margin (--limit is the same).",
            valueName: "n"))
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let resolved = try source.resolve()
        let result = resolved.result
        let progress = TerminalProgress.reporter("waitlist")
        let (entries, total) = try TerminalProgress.run {
            try StoreTerminal.run {
                if let store = resolved.store, let run = resolved.run {
                    return try store.waitlist(of: run, limit: limit, progress: progress)
                }
                return try Explainer.waitlist(result, base: resolved.base, limit: limit, progress: progress)
            }
        }
        let meeting = result.screening.inputs.meeting
        switch format {
        case .json:
            let document = WaitlistEntry.document(entries, runID: resolved.runID, meeting: meeting.id)
            print(document.document, terminator: "")
        case .table:
            let tally = result.tally
            print(
                "\(meeting.id): \(total) eligible application\(total == 1 ? "" : "s") not awarded"
                    + (resolved.runID.map { " (run \($0))" } ?? ""))
            print(
                "Budget left \(tally.spent <= result.problem.budget ? (result.problem.budget - tally.spent).decimalText : "0.00") \(meeting.currency); V* = \(JSONValue.formatReal(result.value))"
            )
            print("")
            let rows = entries.map { entry -> [String] in
                [
                    String(entry.position), entry.applicant, JSONValue.formatReal(entry.score),
                    entry.margin.map { $0 == 0 ? "0 (tie)" : JSONValue.formatReal($0) } ?? "none",
                    entry.reasons.joined(separator: ", "),
                ]
            }
            for line in TextTable.render(
                header: ["#", "Applicant", "Score", "Margin", "Reasons"], rows: rows,
                rightAligned: [2, 3])
            {
                print(line)
            }
            if entries.contains(where: { $0.margin == nil }) {
                print("")
                print(
                    "Margin none: no allocation within the policy can fund the application (see `fellowship explain`).")
            }
        }
    }
}
