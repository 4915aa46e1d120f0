import FellowshipCore

/// One event to append to the chain: what it is about and its payload (the chain adds the
/// sequence number, time and hashes).
struct ChainEntry {
    var runID: String?
    var kind: AuditEventKind
    var payload: [(String, JSONValue)]
}

/// The audit events of a committed run, in chain order (docs/audit.md lists each payload),
/// built once for every store: the decline it follows (if any), then one stretch from
/// `run_started` to `run_committed`.
enum RunEvents {
    /// - Parameter firstSeq: the sequence number the first entry will get.
    static func entries(
        for run: PendingRun, rows: RunRows, runHash: String, decisionsHash: String, firstSeq: Int64
    ) -> [ChainEntry] {
        let inputs = run.result.screening.inputs
        let tally = run.result.tally
        let number = rows.run.number
        var entries: [ChainEntry] = []
        if let decline = run.decline {
            entries.append(
                ChainEntry(
                    runID: decline.runID, kind: .decline,
                    payload: [
                        ("run", .string(decline.runID)), ("application", .string(decline.applicationID)),
                        ("person", .string(decline.personID)), ("follow_up_run", .string(run.id)),
                    ]))
        }
        let firstEvent = firstSeq + Int64(entries.count)
        entries.append(
            ChainEntry(
                runID: run.id, kind: .run_started,
                payload: [
                    ("run", .string(run.id)), ("number", .integer(number)), ("kind", .string(run.kind.rawValue)),
                    ("parent_run", run.parentRunID.map(JSONValue.string) ?? .null),
                    ("meeting", .string(inputs.meeting.id)),
                    ("financial_year", .integer(inputs.meeting.financialYear)),
                    ("model_version", .integer(RunUseCases.modelVersion)), ("started_at", .string(run.startedAt)),
                ]))
        entries.append(
            ChainEntry(
                runID: run.id, kind: .inputs,
                payload: [
                    ("meeting_sha256", .string(run.sources.meeting.sha256)),
                    ("applications_sha256", .string(run.sources.applications.sha256)),
                    ("policy_sha256", .string(run.sources.policy.sha256)),
                    ("countries_sha256", .string(run.sources.countries.sha256)),
                    ("applications", .integer(inputs.applications.count)),
                    ("budget", .money(inputs.policy.budget)),
                    ("budget_overridden", .bool(run.sources.budgetOverride != nil)),
                    ("committed_awards", RunRows.committedJSON(run.committed)),
                    ("declined", .array(run.declined.map(JSONValue.string))),
                    ("fixed", .array(run.fixed.map(JSONValue.string))),
                ]))
        for (index, application) in inputs.applications.enumerated() {
            entries.append(
                ChainEntry(
                    runID: run.id, kind: .gates,
                    payload: [
                        ("application", .string(application.id)), ("person", .string(application.personID)),
                        ("gates", .array(run.result.screening.gates[index].map { .string($0.rawValue) })),
                    ]))
        }
        entries.append(
            ChainEntry(
                runID: run.id, kind: .solver_result,
                payload: [
                    ("solver", .string("GLPK")), ("version", .string(run.result.solverVersion)),
                    ("status", .string(run.result.status.rawValue)),
                    ("value", .real(run.result.value)), ("bound", .real(run.result.bound)),
                    ("gap", .real(run.result.gap)),
                    ("solver_seconds", .real(run.result.solverSeconds)),
                    ("margin_seconds", .real(run.marginSeconds)),
                    ("eligible", .integer(run.result.problem.candidates.count)),
                    ("awards", .integer(tally.awards)), ("spent", .money(tally.spent)),
                ]))
        for view in DecisionView.all(of: run) {
            entries.append(
                ChainEntry(
                    runID: run.id, kind: .decision,
                    payload: [
                        ("application", .string(view.application.id)),
                        ("person", .string(view.application.personID)),
                        ("rank", view.rank.map(JSONValue.integer) ?? .null),
                        ("outcome", .string(view.outcome)),
                        ("component", view.component.map { .string($0.rawValue) } ?? .null),
                        ("cost", view.cost.map(JSONValue.money) ?? .null),
                        ("score", view.score.map(JSONValue.real) ?? .null),
                        ("reasons", .array(view.reasons.map(JSONValue.string))),
                        ("margin", view.margin.map(JSONValue.real) ?? .null),
                    ]))
        }
        let count = entries.count - Int(firstEvent - firstSeq) + 1
        var committed: [(String, JSONValue)] = [
            ("run", .string(run.id)), ("number", .integer(number)),
            ("first_event", .number(String(firstEvent))), ("events", .integer(count)),
            ("decisions", .integer(run.result.decisions.count)), ("awards", .integer(tally.awards)),
            ("run_sha256", .string(runHash)), ("decisions_sha256", .string(decisionsHash)),
        ]
        if run.marginsAfterCommit {
            committed.append(("margins_after_commit", .integer(run.result.problem.candidates.count)))
        }
        entries.append(ChainEntry(runID: run.id, kind: .run_committed, payload: committed))
        return entries
    }
}
