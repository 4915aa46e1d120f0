import FellowshipCore
import FellowshipStore
import Foundation
import Hummingbird

/// Runs and what was decided in them (docs/service.md, "JSON API").
enum RunRoutes {
    static func register(_ table: RouteTable) {
        let state = table.state
        let store = state.store

        table.add(.get, "/api/v1/runs", .readers) { call in
            let meeting = FormFields(call.request.uri.query)["meeting"]
            let runs = try await Blocking.run { try store.runs() }.filter { meeting == nil || $0.meetingID == meeting }
            let running = state.jobs.running.filter { meeting == nil || $0.meeting == meeting }
            return JSONResponse.make(
                .object([
                    ("runs", .array(runs.map(ServiceDocuments.run))),
                    (
                        "running",
                        .array(
                            running.map {
                                ServiceDocuments.pendingRun(
                                    id: $0.run, meeting: $0.meeting, state: .running(meeting: $0.meeting))
                            })
                    ),
                ]))
        }

        table.add(.get, "/api/v1/runs/{run}", .readers) { call in
            let id = try call.parameter("run")
            if let summary = try await Blocking.run({ try store.runs() }).first(where: { $0.id == id }) {
                return JSONResponse.make(ServiceDocuments.run(summary))
            }
            // One read of the job's state: a run that is stored between two reads would
            // otherwise find no state the second time (this once trapped the process).
            if let job = state.jobs.state(of: id) {
                switch job {
                case .running(let meeting), .failed(let meeting, _):
                    return JSONResponse.make(ServiceDocuments.pendingRun(id: id, meeting: meeting, state: job))
                }
            }
            // No job: unknown, or stored since the store was read above.
            if let summary = try await Blocking.run({ try store.runs() }).first(where: { $0.id == id }) {
                return JSONResponse.make(ServiceDocuments.run(summary))
            }
            throw ServiceError(.notFound, "no run \(id) in the store")
        }

        table.add(.get, "/api/v1/runs/{run}/decisions", .readers) { call in
            let run = try await state.run(try call.parameter("run"))
            let anchor = try await state.anchor(of: run.id)
            return JSONResponse.make(anchor.attached(to: run.decisionsDocument))
        }

        table.add(.get, "/api/v1/runs/{run}/applications/{application}/explanation", .explanation) { call in
            let (explanation, _) = try await ExplanationReading.read(call, state: state)
            return JSONResponse.make(explanation.json)
        }

        table.add(.get, "/api/v1/runs/{run}/waitlist", .readers) { call in
            let run = try await state.run(try call.parameter("run"))
            let entries = try await state.waitlist(
                run, limit: try WaitlistLimit.parse(call.request.uri.query), client: call.client)
            return JSONResponse.make(WaitlistEntry.document(entries, runID: run.id, meeting: run.meetingID))
        }

        table.add(.post, "/api/v1/runs/{run}/decline", .secretariat) { call in
            let runID = try call.parameter("run")
            let body = try RequestBody(try await state.body(call.request), known: ["applicant"])
            guard let applicant = try body.string("applicant"), !applicant.isEmpty else {
                throw ServiceError(
                    .unprocessableContent, "request body: applicant: give the application id whose award is declined")
            }
            let run = try await state.run(runID)
            let outcome = try await Decliner.decline(state, run: run, applicant: applicant)
            let followUp = outcome.followUp
            return JSONResponse.make(
                .object([
                    ("declined_run", .string(outcome.declinedRunID)),
                    ("applicant", .string(outcome.applicationID)),
                    ("freed", .money(outcome.freed)),
                    ("follow_up_run", .string(followUp.id)),
                    ("number", .integer(followUp.number)),
                    ("new_awards", .array(outcome.newAwards.map { .string($0.applicant) })),
                ]), status: .created, extraHeaders: [.location: "/api/v1/runs/\(followUp.id)"])
        }

        table.add(.get, "/api/v1/audit", .readers) { call in
            let expected = FormFields(call.request.uri.query)["expect_head"]
            let report = try await Blocking.run { try store.verify(expectedHead: expected) }
            return JSONResponse.make(ServiceDocuments.audit(report))
        }
    }
}

/// Reading an explanation, for the API and the page alike: checks the language, builds the
/// explanation and records the reading in the audit chain (the role, never a name) before
/// anything is shown; a reading that cannot be recorded is not served.
enum ExplanationReading {
    static func read(_ call: RouteCall, state: ServiceState) async throws -> (Explanation, StoredRun) {
        let runID = try call.parameter("run")
        let applicationID = try call.parameter("application")
        let token = try call.authenticated()
        let requested = try ApplicantLanguage.requested(call)
        let run = try await state.run(runID)
        // Application ids are scoped to their meeting: an applicant token reads its own
        // application in its own meeting's runs only (`RouteAccess` has checked the id).
        if token.role == .applicant && token.meeting != run.meetingID {
            throw ServiceError.forbidden(token.role)
        }
        let language = requested ?? ApplicantLanguage.of(applicationID, in: run)
        var explanation = try await state.explanation(
            run, applicationID: applicationID, language: language, client: call.client)
        // An applicant sees its own explanation without any other application named.
        if token.role == .applicant { explanation = explanation.forApplicant() }
        let store = state.store
        try await Blocking.run {
            try store.recordExplanationViewed(
                runID: run.id, applicationID: applicationID, role: token.role.rawValue, tokenID: token.id)
        }
        return (explanation, run)
    }
}
