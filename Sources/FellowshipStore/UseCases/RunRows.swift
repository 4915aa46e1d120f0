import FellowshipCore
import GRDB

/// The rows a committed run is kept as, built once for every store: the `runs` row, one
/// `decisions` row per application, and the hashes `run_committed` records of them.
struct RunRows {
    var run: RunRecord
    var decisions: [DecisionRecord]

    init(_ pending: PendingRun, number: Int, committedAt: String) {
        let inputs = pending.result.screening.inputs
        let tally = pending.result.tally
        let sources = pending.sources
        run = RunRecord(
            id: pending.id, number: number, kind: pending.kind.rawValue, parentRunID: pending.parentRunID,
            meetingID: inputs.meeting.id, financialYear: inputs.meeting.financialYear,
            modelVersion: RunUseCases.modelVersion,
            meetingSHA256: sources.meeting.sha256, applicationsSHA256: sources.applications.sha256,
            policySHA256: sources.policy.sha256, countriesSHA256: sources.countries.sha256,
            meetingFile: sources.meeting.name, applicationsFile: sources.applications.name,
            policyFile: sources.policy.name, countriesFile: sources.countries.name,
            budgetCents: inputs.policy.budget.cents, budgetOverridden: sources.budgetOverride != nil,
            committedAwards: Self.committedJSON(pending.committed).compact,
            declined: JSONValue.array(pending.declined.map(JSONValue.string)).compact,
            fixed: JSONValue.array(pending.fixed.map(JSONValue.string)).compact, solverName: "GLPK",
            solverVersion: pending.result.solverVersion, status: pending.result.status.rawValue,
            value: pending.result.value,
            bound: pending.result.bound.isNaN ? nil : pending.result.bound,
            gap: pending.result.gap.isNaN ? nil : pending.result.gap,
            solverSeconds: pending.result.solverSeconds, marginSeconds: pending.marginSeconds,
            totalSeconds: pending.totalSeconds, awards: tally.awards, spentCents: tally.spent.cents,
            startedAt: pending.startedAt, committedAt: committedAt)
        decisions = DecisionView.all(of: pending).map { view in
            DecisionRecord(
                runID: pending.id, position: view.position, applicationID: view.application.id,
                personID: view.application.personID, rank: view.rank, outcome: view.outcome,
                component: view.component?.rawValue, costCents: view.cost?.cents, score: view.score,
                reasons: JSONValue.array(view.reasons.map(JSONValue.string)).compact, margin: view.margin)
        }
    }

    /// The awards counted from the store, per person, as the run row and the `inputs` event
    /// record them.
    static func committedJSON(_ committed: [String: PriorAwards]) -> JSONValue {
        .array(
            committed.keys.sorted().map { person in
                .object([
                    ("person", .string(person)), ("partial", .integer(committed[person]!.partial)),
                    ("full", .integer(committed[person]!.full)),
                ])
            })
    }

    /// `run_sha256` of these rows, as `RunStore.runHash` computes it from the stored row.
    var runHash: String { Self.hash(run, columns: RunStore.runColumns) }

    /// `decisions_sha256` of these rows, as `RunStore.decisionsHash` computes it.
    var decisionsHash: String {
        Hexadecimal.sha256(
            JSONValue.array(decisions.map { Self.canonicalJSON($0, columns: RunStore.decisionColumns) }).compact)
    }

    /// SHA-256 of a record's canonical JSON (docs/audit.md).
    static func hash(_ record: some EncodableRecord, columns: [String]) -> String {
        Hexadecimal.sha256(canonicalJSON(record, columns: columns).compact)
    }

    /// A record as the canonical JSON of the row SQLite would store: GRDB encodes it to the
    /// same database values it writes (a Bool as an integer, a Double as a real), which
    /// `RunStore.canonicalJSON` turns into JSON exactly as it does for a row read back.
    static func canonicalJSON(_ record: some EncodableRecord, columns: [String]) -> JSONValue {
        // Encoding a record of plain values into a dictionary cannot fail.
        let values = (try? record.databaseDictionary) ?? [:]
        return RunStore.canonicalJSON(columns: columns) { values[$0] ?? .null }
    }
}

/// One application's decision as a run stores it: a declined award reads `declined`, with no
/// component, cost or margin.
struct DecisionView {
    var position: Int
    var application: Application
    var rank: Int?
    var outcome: String
    var component: Component?
    var cost: Money?
    var score: Double?
    var reasons: [String]
    var margin: Double?

    static func all(of run: PendingRun) -> [DecisionView] {
        let inputs = run.result.screening.inputs
        let declined = Set(run.declined)
        return run.result.decisions.enumerated().map { position, decision in
            let application = inputs.applications[position]
            let rank = run.result.screening.rankOfApplication[position]
            let isDeclined = declined.contains(application.id)
            return DecisionView(
                position: position, application: application, rank: rank,
                outcome: isDeclined ? "declined" : decision.outcome.rawValue,
                component: isDeclined ? nil : decision.component,
                cost: isDeclined ? nil : decision.cost, score: decision.score,
                reasons: isDeclined ? ["declined"] : decision.reasons,
                margin: rank.flatMap { isDeclined ? nil : run.margins[$0] })
        }
    }
}
