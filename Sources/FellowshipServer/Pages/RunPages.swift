import FellowshipCore
import FellowshipStore
import Foundation
import HTTPTypes
import Hummingbird

/// A run's status page (progress while it is decided), the decline confirmation and the
/// follow-up run's page (docs/service.md, "In the browser").
enum RunPages {
    /// How often the status page of a run being decided reloads itself, when the reader has
    /// not turned that off.
    static let refreshSeconds = 2

    static func register(_ table: RouteTable) {
        let state = table.state
        let store = state.store
        let pages = state.pages

        table.add(.get, "/runs/{run}/status", .readers, page: true) { call in
            let id = try call.parameter("run")
            let query = FormFields(call.request.uri.query)
            // `refresh=off` stops the automatic reload; any other value is refused, not ignored.
            if let refresh = query["refresh"], refresh != "off", refresh != "on" {
                throw ServiceError(
                    .unprocessableContent,
                    "refresh: expected \"off\" or \"on\" (or no refresh parameter), got \"\(refresh)\"")
            }
            let automatic = query["refresh"] != "off"
            // Read before the store: a margin phase that ends between the two reads has stored
            // its last margins before it stopped running, so either the store shows them all or
            // this says it was still running (and the page refreshes once more). Read after,
            // a finished phase could be taken for a stopped one.
            let jobBeforeReading = state.jobs.state(of: id)
            let entry = state.progress.entry(id)
            var values: [String: Any] = ["id": id, "shortID": PageValues.short(id), "automatic": automatic]
            if let entry {
                values["meeting"] = entry.meeting
                values["meetingPath"] = PagePath.segment(entry.meeting)
                values["pressed"] = AuditChain.timestamp(entry.startedAt)
            }
            if let summary = try await Blocking.run({ try store.runs() }).first(where: { $0.id == id }) {
                let run = try await state.run(id)
                values["stored"] = true
                values["meeting"] = run.meetingID
                values["meetingPath"] = PagePath.segment(run.meetingID)
                values["awards"] = summary.awards
                values["spent"] = summary.spent.decimalText
                values["currency"] = run.inputs.meeting.currency
                values["committed"] = run.committedAt
                values["decided"] = String(format: "%.1f", run.totalSeconds)
                if let entry, let stored = entry.storedAt ?? entry.finishedAt {
                    values["hasElapsed"] = true
                    values["elapsed"] = String(format: "%.1f", stored.timeIntervalSince(entry.startedAt))
                }
                // The decisions are stored before the margins (MODEL.md section 6), which are
                // computed and stored afterwards; until they all are, the page says how far
                // they are and keeps refreshing while this service is computing them.
                let candidates = run.result.problem.candidates.count
                if run.pendingMargins > 0 {
                    let counted = entry?.progress.phase == .margins ? entry?.progress : nil
                    let done = max(candidates - run.pendingMargins, counted?.done ?? 0)
                    values["marginsPending"] = true
                    values["marginsDone"] = done
                    values["marginsTotal"] = candidates
                    if case .running? = jobBeforeReading {
                        values["marginsRunning"] = true
                        var response = pages.page(
                            "run-status",
                            title: "Run \(PageValues.short(id)) is stored; margins \(done) of \(candidates)",
                            role: try call.authenticated().role, values)
                        if automatic { response.headers[HTTPField.Name("Refresh")!] = "\(refreshSeconds)" }
                        return response
                    }
                } else {
                    values["marginsComplete"] = true
                    values["marginsTotal"] = candidates
                }
                return pages.page(
                    "run-status", title: "Run \(PageValues.short(id)) is stored", role: try call.authenticated().role,
                    values)
            }
            switch state.jobs.state(of: id) {
            case .running(let meeting)?:
                values["running"] = true
                values["meeting"] = meeting
                values["meetingPath"] = PagePath.segment(meeting)
                let progress = entry?.progress ?? RunProgress(.queued)
                values["phase"] = phaseText(progress)
                if progress.total > 0 {
                    values["counted"] = true
                    values["done"] = progress.done
                    values["total"] = progress.total
                }
                if let entry { values["elapsed"] = String(format: "%.0f", Date().timeIntervalSince(entry.startedAt)) }
                // Reloads through the Refresh header (no script, no meta refresh in the page);
                // the page's first link turns it off (WCAG 2.2.1).
                var response = pages.page(
                    "run-status", title: "Run \(PageValues.short(id)) is being decided",
                    role: try call.authenticated().role, values)
                if automatic { response.headers[HTTPField.Name("Refresh")!] = "\(refreshSeconds)" }
                return response
            case .failed(let meeting, let failure)?:
                values["failed"] = true
                values["meeting"] = meeting
                values["meetingPath"] = PagePath.segment(meeting)
                values["message"] = failure.message
                values["problems"] = failure.problems
                return pages.page(
                    "run-status", title: "Run \(PageValues.short(id)) failed", role: try call.authenticated().role,
                    values)
            case nil:
                throw ServiceError(.notFound, "no run \(id) in the store or in progress")
            }
        }

        table.add(.get, "/runs/{run}/applications/{application}/decline", .secretariat, page: true) { call in
            let run = try await state.run(try call.parameter("run"))
            let applicant = try call.parameter("application")
            guard let row = DecisionRows.rows(run, withNames: true).first(where: { $0.applicant == applicant }) else {
                throw ServiceError(.notFound, "no application \(applicant) in run \(run.id)")
            }
            guard row.outcome == "awarded" else {
                throw ServiceError(
                    .conflict,
                    "\(applicant) has no award in run \(run.id) (\(row.outcomeText.lowercased())); only an award can be declined"
                )
            }
            return pages.page(
                "decline", title: "Decline the award of \(applicant)", role: try call.authenticated().role,
                [
                    "runID": run.id, "shortID": PageValues.short(run.id), "applicant": applicant,
                    "name": row.name ?? "",
                    "component": row.componentText, "cost": row.cost?.decimalText ?? "",
                    "currency": run.inputs.meeting.currency,
                    "meeting": run.meetingID,
                ])
        }

        table.add(.post, "/runs/{run}/applications/{application}/decline", .secretariat, page: true) { call in
            let run = try await state.run(try call.parameter("run"))
            let outcome = try await Decliner.decline(state, run: run, applicant: try call.parameter("application"))
            return JSONResponse.redirect("/runs/\(outcome.followUp.id)/follow-up")
        }

        table.add(.get, "/runs/{run}/follow-up", .readers, page: true) { call in
            let run = try await state.run(try call.parameter("run"))
            guard let parentID = run.parentRunID else {
                throw ServiceError(.notFound, "run \(run.id) follows no decline: it is an allocation run")
            }
            let parent = try await state.run(parentID)
            let withNames = try call.authenticated().role == .secretariat
            let before = Dictionary(
                uniqueKeysWithValues: DecisionRows.rows(parent, withNames: withNames).map { ($0.applicant, $0) })
            let after = DecisionRows.rows(run, withNames: withNames)
            let declined = Set(run.declined).subtracting(parent.declined)
            let freed = after.filter { declined.contains($0.applicant) }.compactMap { before[$0.applicant]?.cost }
                .reduce(Money.zero, +)
            let received = after.filter { $0.outcome == "awarded" && before[$0.applicant]?.outcome != "awarded" }
            let events = try await Blocking.run { () throws -> [AuditEvent] in
                let declineEvents = try store.events(runID: parentID).filter {
                    $0.kind == AuditEventKind.decline.rawValue
                        && ($0.payloadObject?["follow_up_run"] as? String) == run.id
                }
                return declineEvents + (try store.events(runID: run.id))
            }
            let currency = run.inputs.meeting.currency
            return pages.page(
                "follow-up", title: "Follow-up run \(PageValues.short(run.id))", role: try call.authenticated().role,
                [
                    "id": run.id, "shortID": PageValues.short(run.id), "parentID": parentID,
                    "parentShortID": PageValues.short(parentID),
                    "meeting": run.meetingID, "currency": currency, "withNames": withNames,
                    "declined": after.filter { declined.contains($0.applicant) }.map { row -> [String: Any] in
                        [
                            "applicant": row.applicant, "name": row.name ?? "",
                            "component": before[row.applicant]?.componentText ?? "",
                            "cost": before[row.applicant]?.cost?.decimalText ?? "",
                        ]
                    },
                    "freed": freed.decimalText, "hasReceived": !received.isEmpty,
                    "receivedText": received.count == 1 ? "1 new award" : "\(received.count) new awards",
                    "received": received.map { row -> [String: Any] in
                        [
                            "applicant": row.applicant, "name": row.name ?? "",
                            "country": "\(row.countryName) (\(row.countryCode))",
                            "component": row.componentText, "cost": row.cost?.decimalText ?? "", "runID": run.id,
                        ]
                    },
                    "receivedTotal": received.compactMap(\.cost).reduce(Money.zero, +).decimalText,
                    "awards": run.result.tally.awards, "spent": run.result.tally.spent.decimalText,
                    "budget": run.result.problem.budget.decimalText,
                    "eventCount": events.count,
                    "events": events.filter { !Self.perApplicationKinds.contains($0.kind) }.map(Self.eventValues),
                    "applicationEventCount": events.filter { Self.perApplicationKinds.contains($0.kind) }.count,
                    "applicationEvents": events.filter { Self.perApplicationKinds.contains($0.kind) }.map(
                        Self.eventValues),
                ])
        }
    }

    /// The events written once per application (listed apart on the follow-up page).
    static let perApplicationKinds: Set<String> = [AuditEventKind.gates.rawValue, AuditEventKind.decision.rawValue]

    static func eventValues(_ event: AuditEvent) -> [String: Any] {
        ["seq": "\(event.seq)", "kind": event.kind, "summary": event.summary, "at": event.at]
    }

    /// A phase in words, with its count where it has one.
    static func phaseText(_ progress: RunProgress) -> String {
        switch progress.phase {
        case .queued: return "Waiting to start"
        case .reading: return "Checking the inputs"
        case .screening: return "Applying the eligibility gates and scoring"
        case .solving: return "Solving the allocation to proven optimality (GLPK)"
        case .margins: return "Computing each application's margin: \(progress.done) of \(progress.total) done"
        case .storing: return "Storing the run and its audit events"
        case .explaining, .waitlist, .scenarios:
            return progress.total > 0
                ? "\(progress.phase.rawValue): \(progress.done) of \(progress.total) done" : progress.phase.rawValue
        }
    }
}
