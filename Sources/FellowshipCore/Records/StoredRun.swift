/// The four input files of a run, byte for byte, with the budget given on the command line.
public struct RunSources: Sendable {
    public var meeting: InputSource
    public var applications: InputSource
    public var policy: InputSource
    public var countries: InputSource
    /// A budget that replaced the policy's (`--budget`), or nil.
    public var budgetOverride: Money?

    public init(
        meeting: InputSource, applications: InputSource, policy: InputSource, countries: InputSource,
        budgetOverride: Money? = nil
    ) {
        self.meeting = meeting
        self.applications = applications
        self.policy = policy
        self.countries = countries
        self.budgetOverride = budgetOverride
    }

    /// Parses and validates the bytes exactly as a run from files does, then applies the
    /// budget override.
    public func load() throws(InputErrors) -> AllocationInputs {
        var inputs = try InputLoader.load(
            meeting: meeting, applications: applications, policy: policy, countries: countries)
        if let budgetOverride { inputs.policy.budget = budgetOverride }
        return inputs
    }
}

/// How a stored run came about.
public enum RunKind: String, Sendable {
    /// `fellowship allocate --db`: a whole meeting decided.
    case allocate
    /// The follow-up of a decline: the parent's other awards kept, the freed money re-optimised.
    case reallocation
}

/// A run read back from the store: its exact inputs and its result, rebuilt.
///
/// `result` is the `AllocationResult` of the run as published: the screening is rebuilt from
/// the stored input bytes with the awards the run counted from the store (`committed`), and
/// the allocation, status, V, bound, gap, solver figures and reasons are the stored ones.
public struct StoredRun: Sendable {
    public var id: String
    /// 1 for the first run stored, then 2, 3, …: the order runs were committed in.
    public var number: Int
    public var kind: RunKind
    /// The run a reallocation follows (nil for `allocate` runs).
    public var parentRunID: String?
    public var meetingID: String
    public var financialYear: Int
    public var modelVersion: Int
    /// The exact input bytes (names as given at run time).
    public var sources: RunSources
    /// Awards already committed in the store for the meeting's financial year, per person, that
    /// the run added to the annual limit (only persons who applied to this meeting).
    public var committed: [String: PriorAwards]
    public var result: AllocationResult
    /// Applications excluded because their holder declined the award (this run's decline and
    /// those of its ancestors); empty for `allocate` runs. Their `result.reasons` are empty.
    public var declined: [String]
    /// Applications whose award was kept fixed from the parent run (reallocation only).
    public var fixed: [String]
    /// The conditions the allocation was optimised under, by rank of `result.problem`: the
    /// kept awards (`fixed`) and the declined applications (`excluded`); empty for `allocate`
    /// runs. Pass them as `base` to `MarginCalculator.margin` for this run's margins.
    public var conditions: AllocationModel.Conditions
    /// The margin of MODEL.md section 6 of each candidate, by rank, as recorded in the run
    /// (nil where it is null: no feasible allocation awards the applicant, or, in a
    /// reallocation, the candidate's award was kept or declined). A reallocation's margins are
    /// measured among the allocations that meet its `conditions`.
    public var margins: [Double?]
    public var startedAt: String
    public var committedAt: String
    /// Wall-clock seconds from the start of the run to the opening of its write transaction.
    public var totalSeconds: Double
    public var marginSeconds: Double
    /// Margins of this run not stored yet: its margin phase is still going on, or was
    /// interrupted and is completed by `completeMargins` (FellowshipStore) (0 when all are stored, and for
    /// runs that recorded their margins with their decisions).
    public var pendingMargins: Int = 0

    public var inputs: AllocationInputs { result.screening.inputs }

    /// Memberwise, for the store target that reads and writes these records.
    package init(
        id: String,
        number: Int,
        kind: RunKind,
        parentRunID: String?,
        meetingID: String,
        financialYear: Int,
        modelVersion: Int,
        sources: RunSources,
        committed: [String: PriorAwards],
        result: AllocationResult,
        declined: [String],
        fixed: [String],
        conditions: AllocationModel.Conditions,
        margins: [Double?],
        startedAt: String,
        committedAt: String,
        totalSeconds: Double,
        marginSeconds: Double,
        pendingMargins: Int = 0
    ) {
        self.id = id
        self.number = number
        self.kind = kind
        self.parentRunID = parentRunID
        self.meetingID = meetingID
        self.financialYear = financialYear
        self.modelVersion = modelVersion
        self.sources = sources
        self.committed = committed
        self.result = result
        self.declined = declined
        self.fixed = fixed
        self.conditions = conditions
        self.margins = margins
        self.startedAt = startedAt
        self.committedAt = committedAt
        self.totalSeconds = totalSeconds
        self.marginSeconds = marginSeconds
        self.pendingMargins = pendingMargins
    }
}

/// One stored run as listed by `audit runs`.
public struct RunSummary: Sendable, Equatable {
    public var id: String
    public var number: Int
    public var kind: RunKind
    public var parentRunID: String?
    public var meetingID: String
    public var financialYear: Int
    public var status: String
    public var value: Double
    public var awards: Int
    public var spent: Money
    public var committedAt: String
    /// Whether a later run of the same meeting replaced it (re-run or reallocation).
    public var superseded: Bool

    /// Memberwise, for the store target that reads and writes these records.
    package init(
        id: String,
        number: Int,
        kind: RunKind,
        parentRunID: String?,
        meetingID: String,
        financialYear: Int,
        status: String,
        value: Double,
        awards: Int,
        spent: Money,
        committedAt: String,
        superseded: Bool
    ) {
        self.id = id
        self.number = number
        self.kind = kind
        self.parentRunID = parentRunID
        self.meetingID = meetingID
        self.financialYear = financialYear
        self.status = status
        self.value = value
        self.awards = awards
        self.spent = spent
        self.committedAt = committedAt
        self.superseded = superseded
    }
}

/// What `decline` did: the decline recorded and the follow-up run stored.
public struct DeclineOutcome: Sendable {
    public var declinedRunID: String
    public var applicationID: String
    /// The money the declined award had cost.
    public var freed: Money
    public var followUp: StoredRun
    /// Applications awarded in the follow-up that were not awarded in the declined run.
    public var newAwards: [Decision]

    /// Memberwise, for the store target that reads and writes these records.
    package init(
        declinedRunID: String,
        applicationID: String,
        freed: Money,
        followUp: StoredRun,
        newAwards: [Decision]
    ) {
        self.declinedRunID = declinedRunID
        self.applicationID = applicationID
        self.freed = freed
        self.followUp = followUp
        self.newAwards = newAwards
    }
}
