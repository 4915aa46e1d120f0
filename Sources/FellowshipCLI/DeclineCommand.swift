import ArgumentParser
import FellowshipCore
import FellowshipStore
import Foundation

struct DeclineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decline",
        abstract: "Record that an awarded applicant declined, and reallocate the freed money.",
        discussion: """
            Records the decline and stores a follow-up run of the same meeting, in one \
            transaction: every other award of the run is kept with its component, the decliner \
            is excluded, and the freed money is re-optimised over the applications that were not \
            awarded (the tie rule applied among them only). Both the decline and the follow-up \
            run are written to the audit chain. The follow-up becomes the meeting's current run; \
            a later decline is made from it. Prints the follow-up run's id and its new awards.

            Exit status: 65 when the run or applicant is unknown, the applicant holds no award, or \
            the run is not the meeting's current run; 66 when the store does not exist.

            Example:
              fellowship decline --run 3f2a9c1e --applicant A-0042 --db fellowship.sqlite
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("run"), help: ArgumentHelp("The run (its id, or a unique start of it).", valueName: "id"))
    var runID: String

    @Option(help: ArgumentHelp("The application id whose award is declined.", valueName: "id"))
    var applicant: String

    @Option(
        help: ArgumentHelp("Write the follow-up run's decisions.json to this file (atomically).", valueName: "file"))
    var out: String?

    func run() throws {
        let (outcome, anchor) = try StoreTerminal.run { () throws -> (DeclineOutcome, ChainAnchor) in
            let opened = try store.open()
            let outcome = try opened.decline(runID: try opened.resolveRunID(runID), applicationID: applicant)
            return (outcome, try opened.chainAnchor(runID: outcome.followUp.id))
        }
        let followUp = outcome.followUp
        let result = followUp.result
        let meeting = result.screening.inputs.meeting
        let tally = result.tally
        if let out { try Terminal.writeAtomically(anchor.attached(to: followUp.decisionsDocument).document, to: out) }
        print(
            "Recorded: \(outcome.applicationID) declined its award in run \(outcome.declinedRunID) (\(outcome.freed.decimalText) \(meeting.currency) freed)."
        )
        print(
            "Follow-up run \(followUp.id) (number \(followUp.number)): \(result.status.rawValue), V = \(JSONValue.formatReal(result.value)), \(followUp.fixed.count) awards kept."
        )
        print(
            "Spent \(tally.spent.decimalText) of \(result.problem.budget.decimalText) \(meeting.currency); \(tally.awards) awards."
        )
        print("")
        let applications = result.screening.inputs.applications
        let rows = outcome.newAwards.map { decision -> [String] in
            let country = applications.first { $0.id == decision.applicant }?.country ?? ""
            return [
                decision.applicant, country, decision.component?.rawValue ?? "", decision.cost?.decimalText ?? "",
                decision.score.map(JSONValue.formatReal) ?? "",
            ]
        }
        print("New awards (\(rows.count))")
        for line in TextTable.render(
            header: ["Applicant", "Country", "Component", "Cost", "Score"], rows: rows, rightAligned: [3, 4])
        {
            print(line)
        }
        print("")
        print("Stored run \(followUp.id) in \(store.path)")
    }
}
