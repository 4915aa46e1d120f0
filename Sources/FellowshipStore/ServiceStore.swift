public import FellowshipCore
public import Foundation

/// What the service (and the command line) asks of a store: the store's contract.
///
/// Two implementations keep it: `RunStore`, the SQLite store every deployment uses, and
/// `MemoryStore`, which keeps the same things in memory so that the service's routes, roles
/// and pages are tested without a database file as well as with one (docs/architecture.md).
/// Neither decides anything itself: deciding, declining and margins are the use cases of
/// `RunUseCases`, written once over `RunPersistence`; each store only keeps what they produce,
/// with the same audit events.
///
/// Every method is synchronous and may block (the service calls it off its event loops).
public protocol ServiceStore: Sendable {
    // MARK: Access

    /// Creates a token and returns its secret (only its SHA-256 is kept); a `token_created` event.
    func createToken(role: AccessRole, applicant: String?, meeting: String?) throws -> (
        secret: String, token: AccessToken
    )
    /// The live (not revoked) token whose secret is `secret`, or nil.
    func activeToken(secret: String) throws -> AccessToken?
    /// Every token, oldest first.
    func tokens() throws -> [AccessToken]
    /// Revokes the token with the public id `id`, ending its sessions; a `token_revoked` event.
    func revokeToken(id: String) throws -> AccessToken
    /// Opens a browser session for the live token `secret`; nil when there is none.
    func openSession(secret: String, now: Date) throws -> (sessionID: String, session: BrowserSession)?
    /// The live session `sessionID`, marked used at `now`; nil when it is unknown or has ended.
    func session(id sessionID: String, now: Date) throws -> BrowserSession?
    /// Ends the session `sessionID` (sign-out); false when there was none.
    func closeSession(id sessionID: String, now: Date) throws -> Bool
    /// How many sessions opened with a token are kept (for operators and the tests).
    func sessionCount(tokenID: String) throws -> Int

    // MARK: Meetings

    /// Creates a meeting from its meeting.json (checked as `allocate` checks it).
    func createMeeting(_ source: InputSource) throws -> ServiceMeeting
    /// Every meeting created through the service, by id.
    func serviceMeetings() throws -> [ServiceMeeting]
    /// One meeting; `StoreError(.notFound)` when there is none.
    func serviceMeeting(id: String) throws -> ServiceMeeting
    /// Stores a new version of one input of a meeting after checking it.
    func upload(_ kind: UploadKind, _ source: InputSource, meetingID: String) throws -> StoredUpload
    /// The meeting's files as they stand.
    func meetingFiles(id: String) throws -> MeetingFiles

    // MARK: Runs

    /// Every stored run, oldest first.
    func runs() throws -> [RunSummary]
    /// The runs whose applications include `applicationID`, newest first.
    func runs(containingApplication applicationID: String) throws -> [RunSummary]
    /// A stored run with its inputs, decisions and the margins stored so far.
    func loadRun(id: String) throws -> StoredRun
    /// Decides a meeting and commits the run with its decisions (margins to follow when
    /// `marginsAfterCommit` is true).
    func decide(_ sources: RunSources, marginsAfterCommit: Bool, id: String?, progress: ProgressReporter?) throws
        -> StoredRun
    /// Records a decline and stores the follow-up run that reallocates the money.
    func decline(runID: String, applicationID: String, margins: Bool) throws -> DeclineOutcome

    // MARK: Margins

    /// The stored margins of `run`, by rank.
    func storedMargins(of run: StoredRun) throws -> [Int: MarginResult]
    /// The margins of `ranks` of `run`: stored ones read back, the others computed and stored.
    func margins(
        of run: StoredRun, ranks: [Int], progress: ProgressReporter?, stop: (@Sendable () -> Bool)?
    ) throws -> [MarginResult]
    /// The runs whose margin phase has not finished, oldest first.
    func runsWithPendingMargins() throws -> [String]

    // MARK: Audit

    /// The events of one run and the later events that refer to it, in chain order.
    func events(runID: String) throws -> [AuditEvent]
    /// Every event of the chain, in order.
    func allEvents() throws -> [AuditEvent]
    /// The chain head as of the commit of run `runID`.
    func chainAnchor(runID: String) throws -> ChainAnchor
    /// Recomputes the chain and checks what the store keeps against it.
    func verify(expectedHead: String?) throws -> AuditReport
    /// Records that `role` was shown the explanation of `applicationID` in `runID`.
    func recordExplanationViewed(runID: String, applicationID: String, role: String, tokenID: String?) throws
}

/// The defaults (a protocol requirement cannot have them) and the use cases made of the
/// requirements, written once for every store.
extension ServiceStore {
    public func createToken(role: AccessRole, applicant: String?) throws -> (secret: String, token: AccessToken) {
        try createToken(role: role, applicant: applicant, meeting: nil)
    }

    public func openSession(secret: String) throws -> (sessionID: String, session: BrowserSession)? {
        try openSession(secret: secret, now: Date())
    }

    public func session(id sessionID: String) throws -> BrowserSession? {
        try session(id: sessionID, now: Date())
    }

    @discardableResult
    public func closeSession(id sessionID: String) throws -> Bool {
        try closeSession(id: sessionID, now: Date())
    }

    /// The four inputs of a meeting's next run: meeting.json and the current uploads.
    /// - Throws: `StoreError(.notFound)` for an unknown meeting, `.conflict` when an input
    ///   is missing.
    public func meetingSources(id: String, budgetOverride: Money? = nil) throws -> RunSources {
        let files = try meetingFiles(id: id)
        guard let countries = files.countries, let applications = files.applications, let policy = files.policy else {
            let present: [UploadKind: Bool] = [
                .countries: files.countries != nil, .applications: files.applications != nil,
                .policy: files.policy != nil,
            ]
            let missing = UploadKind.allCases.filter { present[$0] != true }.map(\.fileName)
            throw StoreError(
                .conflict, "meeting \(id) cannot be decided yet: upload \(missing.joined(separator: ", ")) first")
        }
        return RunSources(
            meeting: files.meeting, applications: applications, policy: policy, countries: countries,
            budgetOverride: budgetOverride)
    }

    public func verify() throws -> AuditReport { try verify(expectedHead: nil) }

    public func recordExplanationViewed(runID: String, applicationID: String, role: String) throws {
        try recordExplanationViewed(runID: runID, applicationID: applicationID, role: role, tokenID: nil)
    }

    public func decide(_ sources: RunSources, marginsAfterCommit: Bool) throws -> StoredRun {
        try decide(sources, marginsAfterCommit: marginsAfterCommit, id: nil, progress: nil)
    }

    public func decline(runID: String, applicationID: String) throws -> DeclineOutcome {
        try decline(runID: runID, applicationID: applicationID, margins: true)
    }

    public func margins(of run: StoredRun, ranks: [Int]) throws -> [MarginResult] {
        try margins(of: run, ranks: ranks, progress: nil, stop: nil)
    }

    /// Decides a meeting and stores the run: its decisions first (`decide`), then its margins
    /// as they complete (`completeMargins`), so that a run killed in its margin phase keeps its
    /// decisions and `completeMargins` finishes it later.
    ///
    /// - Parameter margins: compute and store the margin of every candidate after the decisions;
    ///   when false the margins are recorded as null and no margin phase is opened.
    /// - Parameter id: the run's id, when the caller must know it before the run is stored (the
    ///   service answers with it at once); a new random id when nil.
    /// - Throws: `InputErrors` for bad inputs, `AllocationError` when the solve fails,
    ///   `StoreError` when the store does; nothing is stored when the decision fails, and a
    ///   failure in the margin phase leaves the run stored with its margins pending.
    public func allocate(
        _ sources: RunSources, margins: Bool = true, id: String? = nil, progress: ProgressReporter? = nil
    ) throws -> StoredRun {
        let decided = try decide(sources, marginsAfterCommit: margins, id: id, progress: progress)
        guard margins else { return decided }
        return try completeMargins(of: decided, progress: progress)
    }

    /// Computes and stores every margin of `run` that is not stored yet (the margin phase, or
    /// its completion after an interruption) and returns the run with its margins.
    /// - Parameter stop: asked before each batch (the service stops the margin phase of a run
    ///   whose meeting has started another); the margins not computed then stay pending, to be
    ///   completed on demand, by `fellowship margins`, or when the service next starts.
    public func completeMargins(
        of run: StoredRun, progress: ProgressReporter? = nil, stop: (@Sendable () -> Bool)? = nil
    ) throws -> StoredRun {
        let all = Array(run.result.problem.candidates.indices)
        let results = try margins(of: run, ranks: all, progress: progress, stop: stop)
        var completed = run
        for result in results { completed.margins[result.rank] = result.margin.value }
        completed.pendingMargins = all.count - results.count
        return completed
    }

    /// The waitlist of a stored run, or its first `limit` places (`WaitlistSearch`): stored
    /// margins are reused, the margins it needs and lacks are computed and stored.
    ///
    /// - Parameter stop: asked before each batch of margins; once it answers true the search
    ///   throws `CancellationError` (the margins stored by then stay stored).
    /// - Returns: the entries and the number of applications on the whole waitlist.
    public func waitlist(
        of run: StoredRun, limit: Int? = nil, progress: ProgressReporter? = nil, stop: (@Sendable () -> Bool)? = nil
    ) throws -> (entries: [WaitlistEntry], total: Int) {
        let known = try storedMargins(of: run).mapValues { $0.margin.value }
        return try WaitlistSearch.top(
            limit ?? Int.max, result: run.result, base: run.conditions, known: known,
            margins: { ranks in
                let margins = try self.margins(
                    of: run, ranks: ranks, progress: limit == nil ? progress : nil, stop: stop)
                if stop?() == true { throw CancellationError() }
                return margins
            },
            decidesTies: true, stop: stop,
            progress: limit == nil ? nil : progress)
    }
}
