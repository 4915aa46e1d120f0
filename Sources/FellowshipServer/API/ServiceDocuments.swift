import FellowshipCore
import FellowshipStore

/// The JSON documents of the service's own resources (meetings, uploads, runs, audit).
/// Documents of the model (decisions, explanations, waitlists, scenarios) are the core's.
enum ServiceDocuments {
    static func meeting(_ meeting: ServiceMeeting) -> JSONValue {
        .object([
            ("id", .string(meeting.id)),
            ("title", .string(meeting.title)),
            ("meeting_sha256", .string(meeting.meetingSHA256)),
            ("created_at", .string(meeting.createdAt)),
            (
                "uploads",
                .object(
                    UploadKind.allCases.map { kind in
                        (kind.rawValue, meeting.uploads[kind].map(upload) ?? .null)
                    })
            ),
        ])
    }

    static func upload(_ upload: StoredUpload) -> JSONValue {
        .object([
            ("kind", .string(upload.kind.rawValue)),
            ("name", .string(upload.name)),
            ("sha256", .string(upload.sha256)),
            ("size", .integer(upload.size)),
            ("uploaded_at", .string(upload.uploadedAt)),
        ])
    }

    static func run(_ run: RunSummary) -> JSONValue {
        .object([
            ("id", .string(run.id)),
            ("state", .string("stored")),
            ("number", .integer(run.number)),
            ("kind", .string(run.kind.rawValue)),
            ("parent_run", run.parentRunID.map(JSONValue.string) ?? .null),
            ("meeting", .string(run.meetingID)),
            ("financial_year", .integer(run.financialYear)),
            ("status", .string(run.status)),
            ("value", .real(run.value)),
            ("awards", .integer(run.awards)),
            ("spent", .money(run.spent)),
            ("committed_at", .string(run.committedAt)),
            ("superseded", .bool(run.superseded)),
        ])
    }

    static func pendingRun(id: String, meeting: String, state: RunJobs.State) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(id)), ("meeting", .string(meeting))]
        switch state {
        case .running:
            members.append(("state", .string("running")))
        case .failed(_, let failure):
            members.append(("state", .string("failed")))
            members.append(contentsOf: failure.json.objectMembers)
        }
        return .object(members)
    }

    static func audit(_ report: AuditReport) -> JSONValue {
        .object([
            ("intact", .bool(report.isIntact)),
            ("events", .integer(report.events)),
            ("runs", .integer(report.runs)),
            ("head", .object([("seq", .number(String(report.headSeq))), ("hash", .string(report.headHash))])),
            (
                "problems",
                .array(
                    report.problems.map { problem in
                        .object([
                            ("seq", problem.seq.map { .number(String($0)) } ?? .null),
                            ("message", .string(problem.message)),
                        ])
                    })
            ),
        ])
    }
}

extension JSONValue {
    /// The members of an object (empty for other values).
    var objectMembers: [(String, JSONValue)] {
        if case .object(let members) = self { return members }
        return []
    }
}
