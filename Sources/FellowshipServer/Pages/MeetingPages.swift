import FellowshipCore
import FellowshipStore
import Foundation
import Hummingbird

/// The secretariat's meeting pages (docs/service.md, "In the browser"): the meetings list with
/// the create forms, and a meeting's page with its uploads, the policy form and the run
/// button. Reviewers see the same pages without the forms. Every file and form is checked by
/// the code that checks the command line's files; a bad one is shown with every problem, as
/// `FILE:LINE: column: problem` lines, and nothing is stored.
enum MeetingPages {
    static func register(_ table: RouteTable) {
        let state = table.state
        let store = state.store
        let pages = state.pages

        @Sendable func meetingsPage(
            _ call: RouteCall, status: HTTPResponse.Status = .ok, form: FormFields? = nil,
            problems: ProblemReport? = nil
        ) async throws -> Response {
            let meetings = try await Blocking.run { try store.serviceMeetings() }
            var values: [String: Any] = [
                "hasMeetings": !meetings.isEmpty,
                "meetings": meetings.map { meeting -> [String: Any] in
                    [
                        "id": meeting.id, "title": meeting.title, "created": meeting.createdAt,
                        "uploaded": UploadKind.allCases.filter { meeting.uploads[$0] != nil }.map(\.fileName).joined(
                            separator: ", "),
                        "missing": UploadKind.allCases.filter { meeting.uploads[$0] == nil }.map(\.fileName).joined(
                            separator: ", "),
                    ]
                },
                "fields": MeetingForm.values(form),
            ]
            if let problems { values.merge(problems.values) { _, new in new } }
            return pages.page(
                "meetings", title: "Meetings", role: try call.authenticated().role, status: status, values)
        }

        table.add(.get, "/meetings", .readers, page: true) { call in try await meetingsPage(call) }

        table.add(.post, "/meetings", .secretariat, page: true) { call in
            let bytes = try await state.body(call.request)
            let contentType = call.request.headers[.contentType]
            let source: InputSource
            var form: FormFields?
            if contentType?.lowercased().hasPrefix("multipart/form-data") == true {
                let multipart = try MultipartForm(contentType: contentType, body: bytes)
                guard let file = multipart.part("meeting_file"), !file.bytes.isEmpty else {
                    return try await meetingsPage(
                        call, status: .unprocessableContent,
                        problems: ProblemReport(
                            title: "No meeting was created", message: "Choose a meeting.json file to upload.",
                            problems: []))
                }
                source = InputSource(
                    name: UploadName.of(file.fileName, default: ServiceMeeting.fileName), bytes: file.bytes)
            } else {
                let fields = FormFields(String(decoding: bytes, as: UTF8.self))
                form = fields
                do {
                    try fields.requireOnly(Set(MeetingForm.fields.map(\.key)), form: "meeting form")
                } catch {
                    let failure = ServiceError.from(error)
                    return try await meetingsPage(
                        call, status: failure.status, form: form,
                        problems: ProblemReport(
                            title: "No meeting was created", message: failure.message, problems: []))
                }
                source = InputSource(name: "meeting form", bytes: Array(MeetingForm.document(fields).utf8))
            }
            do {
                let meeting = try await Blocking.run { try store.createMeeting(source) }
                return JSONResponse.redirect("/meetings/\(PagePath.segment(meeting.id))")
            } catch {
                let failure = ServiceError.from(error)
                guard failure.status == .unprocessableContent || failure.status == .conflict else { throw error }
                return try await meetingsPage(
                    call, status: failure.status, form: form,
                    problems: ProblemReport(
                        title: "No meeting was created", message: failure.message, problems: failure.problems))
            }
        }

        @Sendable func meetingPage(
            _ call: RouteCall, id: String, status: HTTPResponse.Status = .ok,
            problems: ProblemReport? = nil, notice: String? = nil,
            policyForm: FormFields? = nil
        ) async throws -> Response {
            let (meeting, details, policy) = try await Blocking.run { () throws -> (ServiceMeeting, Meeting, Policy) in
                let meeting = try store.serviceMeeting(id: id)
                let sources = try store.meetingFiles(id: id)
                let details = try InputLoader.meeting(sources.meeting)
                let policy = try sources.policy.map { try InputLoader.policy($0) } ?? Policy()
                return (meeting, details, policy)
            }
            let runs = try await Blocking.run { try store.runs() }.filter { $0.meetingID == id }
            let running = state.jobs.running.filter { $0.meeting == id }
            var values: [String: Any] = [
                "id": meeting.id, "path": PagePath.segment(meeting.id), "meetingTitle": details.title,
                "venue": details.venue,
                "dates": "\(details.startDate) to \(details.endDate)", "deadline": details.fellowshipDeadline.text,
                "currency": details.currency,
                "dsa": "\(details.dsaPerDay.decimalText) \(details.currency) × \(details.dsaDays) days",
                "financialYear": details.financialYear, "created": meeting.createdAt,
                "meetingSHA256": meeting.meetingSHA256,
                "uploads": UploadKind.allCases.map { kind -> [String: Any] in
                    var row: [String: Any] = [
                        "kind": kind.rawValue, "file": kind.fileName, "label": UploadName.label(kind),
                    ]
                    if let upload = meeting.uploads[kind] {
                        row["uploaded"] = true
                        row["name"] = upload.name
                        row["size"] = ByteCountText.of(upload.size)
                        row["sha256"] = upload.sha256
                        row["when"] = upload.uploadedAt
                    }
                    return row
                },
                "ready": UploadKind.allCases.allSatisfy { meeting.uploads[$0] != nil },
                "missing": UploadKind.allCases.filter { meeting.uploads[$0] == nil }.map(\.fileName).joined(
                    separator: ", "),
                "hasRuns": !runs.isEmpty || !running.isEmpty,
                "running": running.map { ["run": $0.run] },
                "runs": runs.reversed().map { run -> [String: Any] in
                    [
                        "id": run.id, "shortID": PageValues.short(run.id), "number": run.number,
                        "kind": run.kind.rawValue,
                        "awards": run.awards, "spent": run.spent.decimalText, "committed": run.committedAt,
                        "state": run.superseded ? "superseded" : "current",
                    ]
                },
            ]
            values.merge(PolicyForm.values(policy)) { _, new in new }
            if let policyForm {
                // Show what was typed, not the stored policy, next to its problems.
                for key in ["budget", "country_cap", "max_dsa_per_country", "gender_target"] {
                    values[
                        [
                            "budget": "budget", "country_cap": "countryCap", "max_dsa_per_country": "maxDSA",
                            "gender_target": "genderTarget",
                        ][key]!] = policyForm.raw(key)
                }
            }
            if let problems { values.merge(problems.values) { _, new in new } }
            if let notice { values["notice"] = notice }
            return pages.page(
                "meeting", title: "Meeting \(meeting.id)", role: try call.authenticated().role, status: status, values)
        }

        table.add(.get, "/meetings/{meeting}", .readers, page: true) { call in
            try await meetingPage(call, id: try call.parameter("meeting"))
        }

        table.add(.post, "/meetings/{meeting}/uploads/{kind}", .secretariat, page: true) { call in
            let id = try call.parameter("meeting")
            guard let kind = UploadKind(rawValue: try call.parameter("kind")) else {
                throw ServiceError(
                    .notFound, "there is no such kind of upload; a meeting takes countries, applications and policy")
            }
            _ = try await Blocking.run { try store.serviceMeeting(id: id) }
            let multipart = try MultipartForm(
                contentType: call.request.headers[.contentType], body: try await state.body(call.request))
            guard let file = multipart.part("file"), !file.bytes.isEmpty else {
                return try await meetingPage(
                    call, id: id, status: .unprocessableContent,
                    problems: ProblemReport(
                        title: "Nothing was stored", message: "Choose a \(kind.fileName) file to upload.", problems: [])
                )
            }
            let source = InputSource(name: UploadName.of(file.fileName, default: kind.fileName), bytes: file.bytes)
            do {
                let upload = try await Blocking.run { try store.upload(kind, source, meetingID: id) }
                return try await meetingPage(
                    call, id: id,
                    notice:
                        "\(upload.name) was stored as the meeting's \(UploadName.label(kind)) (\(ByteCountText.of(upload.size)), SHA-256 \(upload.sha256))."
                )
            } catch {
                let failure = ServiceError.from(error)
                guard failure.status == .unprocessableContent || failure.status == .conflict else { throw error }
                return try await meetingPage(
                    call, id: id, status: failure.status,
                    problems: ProblemReport(
                        title: "\(source.name) was not stored", message: failure.message, problems: failure.problems))
            }
        }

        table.add(.post, "/meetings/{meeting}/policy", .secretariat, page: true) { call in
            let id = try call.parameter("meeting")
            let form = FormFields(String(decoding: try await state.body(call.request), as: UTF8.self))
            let text = PolicyForm.document(form)
            do {
                try form.requireOnly(PolicyForm.fieldNames, form: "policy form")
                // Checked under the form's name (its problems name the fields), stored as policy.json.
                _ = try InputLoader.policy(InputSource(name: "policy form", bytes: Array(text.utf8)))
                _ = try await Blocking.run {
                    try store.upload(
                        .policy, InputSource(name: UploadKind.policy.fileName, bytes: Array(text.utf8)), meetingID: id)
                }
                return try await meetingPage(
                    call, id: id, notice: "The policy from the form was stored as the meeting's policy.json.")
            } catch {
                let failure = ServiceError.from(error)
                guard failure.status == .unprocessableContent || failure.status == .conflict else { throw error }
                return try await meetingPage(
                    call, id: id, status: failure.status,
                    problems: ProblemReport(
                        title: "The policy was not stored", message: failure.message, problems: failure.problems),
                    policyForm: form)
            }
        }

        table.add(.post, "/meetings/{meeting}/runs", .secretariat, page: true) { call in
            let id = try call.parameter("meeting")
            let form = FormFields(String(decoding: try await state.body(call.request), as: UTF8.self))
            do {
                try form.requireOnly(["budget"], form: "run form")
                let runID = try await RunStarter.start(
                    state, meetingID: id, budget: try RunStarter.budget(form["budget"]))
                return JSONResponse.redirect("/runs/\(runID)/status")
            } catch {
                let failure = ServiceError.from(error)
                guard failure.status == .unprocessableContent || failure.status == .conflict else { throw error }
                return try await meetingPage(
                    call, id: id, status: failure.status,
                    problems: ProblemReport(
                        title: "No run was started", message: failure.message, problems: failure.problems))
            }
        }
    }
}

/// A refusal shown on the page it concerns, with every located problem.
struct ProblemReport {
    var title: String
    var message: String
    var problems: [String]

    var values: [String: Any] {
        [
            "hasProblemReport": true, "problemTitle": title, "problemMessage": message,
            "problemLines": problems, "hasProblemLines": !problems.isEmpty,
        ]
    }
}

/// Names of uploaded files as the pages show them.
enum UploadName {
    /// The file name the browser sent, without any folder, or `fallback`; kept for messages
    /// (`applications-v2.csv:12: country: …`, as the command line names the file it was given).
    static func of(_ fileName: String?, default fallback: String) -> String {
        guard let fileName else { return fallback }
        let base = fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(
            base.unicodeScalars.filter {
                !$0.properties.isNoncharacterCodePoint && $0.value >= 0x20 && $0.value != 0x7F
            }
            .map(Character.init)
        ).trimmingCharacters(in: .whitespaces)
        return clean.isEmpty || clean.utf8.count > 200 ? fallback : clean
    }

    static func label(_ kind: UploadKind) -> String {
        switch kind {
        case .countries: return "countries"
        case .applications: return "applications"
        case .policy: return "policy"
        }
    }
}

/// Sizes in bytes as people read them.
enum ByteCountText {
    static func of(_ bytes: Int) -> String {
        let grouped = bytes.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        if bytes < 1024 { return "\(grouped) bytes" }
        return String(format: "%.1f KiB", Double(bytes) / 1024) + " (\(grouped) bytes)"
    }
}

/// Values put into page addresses.
enum PagePath {
    /// A path segment: percent-encoded where a meeting id or run id would need it.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? text
    }
}

extension FormFields {
    /// The last value of `name` as typed (blank included); "" when absent.
    func raw(_ name: String) -> String { pairs.last { $0.0 == name }?.1 ?? "" }
}
