import FellowshipCore
import FellowshipStore
import Foundation
import Hummingbird

/// The review pages (docs/service.md, "Pages"): rendered on the server, plain forms and links,
/// no script. Every page but the login form needs a token (bearer header or login cookie).
enum PageRoutes {
    static func register(_ table: RouteTable) {
        let state = table.state
        let store = state.store
        let pages = state.pages

        SignInRoutes.register(table)
        MeetingPages.register(table)
        RunPages.register(table)
        DownloadRoutes.register(table)

        table.add(.get, "/", .anyRole, page: true) { call in
            let token = try call.authenticated()
            // A language that is not one of ours is refused for every role, not only applicants.
            let requestedLanguage = try ApplicantLanguage.requested(call)
            guard token.role == .applicant, let applicant = token.applicant else {
                return JSONResponse.redirect("/runs")
            }
            // Application ids are scoped to their meeting: only the runs of the token's meeting.
            let meeting = token.meeting
            let runs = try await Blocking.run { try store.runs(containingApplication: applicant) }
                .filter { $0.meetingID == meeting }
            // The applicant's home, in its language (ApplicantPages.swift).
            var language = requestedLanguage
            if language == nil, let newest = runs.first {
                language = ApplicantLanguage.of(applicant, in: try await state.run(newest.id))
            }
            let chosen = language ?? .en
            return pages.applicantPage(
                "applicant-home", title: chosen.pack.page("home.title", ["applicant": applicant]),
                language: chosen, requested: FormFields(call.request.uri.query)["lang"] != nil,
                ApplicantPages.home(applicant: applicant, runs: runs, language: chosen))
        }

        table.add(.get, "/runs", .readers, page: true) { call in
            let runs = try await Blocking.run { try store.runs() }
            let running = state.jobs.running
            let failed = state.jobs.failed
            return pages.page(
                "runs", title: "Runs", role: try call.authenticated().role,
                [
                    "hasRuns": !runs.isEmpty, "hasRunning": !running.isEmpty,
                    "running": running.map { ["run": $0.run, "meeting": $0.meeting] },
                    "hasFailed": !failed.isEmpty,
                    "failed": failed.map { ["run": $0.run, "meeting": $0.meeting, "reason": $0.failure.message] },
                    "runs": runs.reversed().map { run -> [String: Any] in
                        [
                            "id": run.id, "shortID": PageValues.short(run.id), "number": run.number,
                            "meeting": run.meetingID,
                            "kind": run.kind.rawValue, "status": run.status, "value": JSONValue.formatReal(run.value),
                            "awards": run.awards, "spent": run.spent.decimalText,
                            "state": run.superseded ? "superseded" : "current", "committed": run.committedAt,
                        ]
                    },
                ])
        }

        table.add(.get, "/runs/{run}", .readers, page: true) { call in
            let run = try await state.run(try call.parameter("run"))
            let query = FormFields(call.request.uri.query)
            let role = try call.authenticated().role
            let sort = try DecisionSort(query, withNames: role == .secretariat)
            let isCurrent =
                try await Blocking.run { try store.runs() }.first { $0.id == run.id }.map { !$0.superseded } ?? false
            let anchor = try await state.anchor(of: run.id)
            var values = DecisionsView.values(
                run, filter: DecisionFilter(query), sort: sort, role: role, isCurrent: isCurrent)
            values["anchorSeq"] = "\(anchor.seq)"
            values["anchorHash"] = anchor.hash
            return pages.page("decisions", title: "Decisions of run \(PageValues.short(run.id))", role: role, values)
        }

        table.add(.get, "/runs/{run}/applications/{application}", .explanation, page: true) { call in
            let (explanation, run) = try await ExplanationReading.read(call, state: state)
            if try call.authenticated().role == .applicant {
                // The applicant's own page, wholly in its language (ApplicantPages.swift).
                return pages.applicantPage(
                    "applicant-explanation",
                    title: explanation.language.pack.page(
                        "explanation.title", ["applicant": explanation.applicant]),
                    language: explanation.language, requested: FormFields(call.request.uri.query)["lang"] != nil,
                    ApplicantPages.explanation(explanation, run: run))
            }
            // The reviewers' page is in English; the paragraph carries its own language.
            return pages.page(
                "explanation", title: "Explanation of \(explanation.applicant)", role: try call.authenticated().role,
                ExplanationView.values(explanation, run: run))
        }

        table.add(.get, "/runs/{run}/waitlist", .readers, page: true) { call in
            let run = try await state.run(try call.parameter("run"))
            let entries = try await state.waitlist(run, client: call.client)
            return pages.page(
                "waitlist", title: "Waitlist of run \(PageValues.short(run.id))", role: try call.authenticated().role,
                [
                    "id": run.id, "shortID": PageValues.short(run.id), "meeting": run.meetingID, "count": entries.count,
                    "entries": entries.map { entry -> [String: Any] in
                        [
                            "position": entry.position, "applicant": entry.applicant, "runID": run.id,
                            "score": JSONValue.formatReal(entry.score),
                            "margin": entry.margin.map { $0 == 0 ? "0 (tie)" : JSONValue.formatReal($0) } ?? "none",
                            "reasons": entry.reasons.joined(separator: ", "),
                        ]
                    },
                ])
        }

        table.add(.get, "/meetings/{meeting}/scenarios", .readers, page: true) { call in
            let meetingID = try call.parameter("meeting")
            // The form's text areas hold one option per line.
            let form = FormFields(call.request.uri.query)
            var query = ScenarioQuery(form)
            query.sets = query.sets.flatMap(PageValues.lines)
            query.variants = query.variants.flatMap(PageValues.lines)
            var values: [String: Any] = [
                "meeting": meetingID, "budgetRange": form["budget_range"] ?? "", "budgets": form["budgets"] ?? "",
                "sets": query.sets.joined(separator: "\n"), "variants": query.variants.joined(separator: "\n"),
            ]
            if query.isEmpty {
                _ = try await Blocking.run { try store.serviceMeeting(id: meetingID) }
            } else {
                let sweep = try await query.run(
                    meetingID: meetingID, store: store, pool: state.solver, client: call.client)
                values["hasSweep"] = true
                values["downloadQuery"] = call.request.uri.query ?? ""
                values["chart"] = ScenarioChart.svg(sweep)
                values["currency"] = sweep.currency
                values["points"] = sweep.points.map { point -> [String: Any] in
                    [
                        "variant": point.variant, "budget": point.budget.decimalText, "status": point.status.rawValue,
                        "value": JSONValue.formatReal(point.value), "awards": point.awards,
                        "spent": point.spent.decimalText,
                        "women": point.women, "countries": point.countries,
                    ]
                }
            }
            return pages.page(
                "scenarios", title: "Scenarios for \(meetingID)", role: try call.authenticated().role, values)
        }

        table.add(.get, "/audit", .readers, page: true) { call in
            let report = try await Blocking.run { try store.verify() }
            return pages.page(
                "audit", title: "Audit chain", role: try call.authenticated().role,
                [
                    "intact": report.isIntact, "events": report.events, "runs": report.runs,
                    "headSeq": "\(report.headSeq)", "headHash": report.headHash,
                    "firstProblem": report.problems.first?.message ?? "",
                    "hasProblems": !report.problems.isEmpty, "problems": report.problems.map(\.message),
                ])
        }
    }
}

/// Small formatting shared by the pages.
enum PageValues {
    /// The first 8 characters of a run id: enough to tell runs apart on a page (links carry the whole id).
    static func short(_ id: String) -> String { String(id.prefix(8)) }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
