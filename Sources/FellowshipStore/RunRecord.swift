import GRDB

/// One row of `runs`, as written and read back: a GRDB record, so that each value is named
/// by its column rather than matched to a column list by position or read by a string key.
///
/// `CodingKeys` lists the columns in the order they are hashed (`run_sha256` of the run's
/// events, docs/audit.md); `RunStore.runColumns` is read from it, so the row written and the
/// row hashed cannot disagree.
struct RunRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "runs"

    var id: String
    var number: Int
    var kind: String
    var parentRunID: String?
    var meetingID: String
    var financialYear: Int
    var modelVersion: Int
    var meetingSHA256: String
    var applicationsSHA256: String
    var policySHA256: String
    var countriesSHA256: String
    var meetingFile: String
    var applicationsFile: String
    var policyFile: String
    var countriesFile: String
    var budgetCents: Int64
    var budgetOverridden: Bool
    /// `[{"person":…, "partial":…, "full":…}]`, compact JSON.
    var committedAwards: String
    /// Application ids, compact JSON arrays.
    var declined: String
    var fixed: String
    var solverName: String
    var solverVersion: String
    var status: String
    var value: Double
    var bound: Double?
    var gap: Double?
    var solverSeconds: Double
    var marginSeconds: Double
    var totalSeconds: Double
    var awards: Int
    var spentCents: Int64
    var startedAt: String
    var committedAt: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, number, kind
        case parentRunID = "parent_run_id"
        case meetingID = "meeting_id"
        case financialYear = "financial_year"
        case modelVersion = "model_version"
        case meetingSHA256 = "meeting_sha256"
        case applicationsSHA256 = "applications_sha256"
        case policySHA256 = "policy_sha256"
        case countriesSHA256 = "countries_sha256"
        case meetingFile = "meeting_file"
        case applicationsFile = "applications_file"
        case policyFile = "policy_file"
        case countriesFile = "countries_file"
        case budgetCents = "budget_cents"
        case budgetOverridden = "budget_overridden"
        case committedAwards = "committed_awards"
        case declined, fixed
        case solverName = "solver_name"
        case solverVersion = "solver_version"
        case status, value, bound, gap
        case solverSeconds = "solver_seconds"
        case marginSeconds = "margin_seconds"
        case totalSeconds = "total_seconds"
        case awards
        case spentCents = "spent_cents"
        case startedAt = "started_at"
        case committedAt = "committed_at"
    }
}

/// One row of `decisions`, as written. `CodingKeys` is the hash order of `decisions_sha256`.
struct DecisionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "decisions"

    var runID: String
    var position: Int
    var applicationID: String
    var personID: String
    var rank: Int?
    var outcome: String
    var component: String?
    var costCents: Int64?
    var score: Double?
    /// Reason codes, a compact JSON array.
    var reasons: String
    var margin: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case runID = "run_id"
        case position
        case applicationID = "application_id"
        case personID = "person_id"
        case rank, outcome, component
        case costCents = "cost_cents"
        case score, reasons, margin
    }
}

/// One row of `margins`, as written. `CodingKeys` is the hash order of `margin_sha256`.
struct MarginRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "margins"

    var runID: String
    var rank: Int
    var applicationID: String
    var kind: String
    var value: Double?
    var optimum: Double
    var alternativeOptimum: Double?
    var method: String
    var exact: Bool
    /// Who the alternative allocation adds and removes, compact JSON; nil without one.
    var changes: String?
    var seconds: Double
    var computedAt: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case runID = "run_id"
        case rank
        case applicationID = "application_id"
        case kind, value, optimum
        case alternativeOptimum = "alternative_optimum"
        case method, exact, changes, seconds
        case computedAt = "computed_at"
    }
}

/// One row of `snapshot_applications`: an application exactly as the file gave it, kept so
/// that a stored run can be read, explained and verified without its input files.
struct SnapshotApplicationRecord: Codable, PersistableRecord {
    static let databaseTableName = "snapshot_applications"

    /// The SHA-256 of the applications file the row comes from.
    var sha256: String
    var position: Int
    var line: Int
    var id: String
    var personID: String
    var name: String
    var gender: String
    var country: String
    var delegation: String
    var registrationApproved: Bool
    var submittedAt: String
    var request: String
    var ticketCostCents: Int64?
    var contributions: Int
    var role: String
    var specialNeeds: Bool
    var complete: Bool
    var priorPartialFY: Int
    var priorFullFY: Int
    var language: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sha256, position, line, id
        case personID = "person_id"
        case name, gender, country, delegation
        case registrationApproved = "registration_approved"
        case submittedAt = "submitted_at"
        case request
        case ticketCostCents = "ticket_cost_cents"
        case contributions, role
        case specialNeeds = "special_needs"
        case complete
        case priorPartialFY = "prior_partial_fy"
        case priorFullFY = "prior_full_fy"
        case language
    }
}
