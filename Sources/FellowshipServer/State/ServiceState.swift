import FellowshipCore
import FellowshipStore
import Foundation
import Hummingbird
import Synchronization

/// What every route shares: the store (the same one the command line uses), the runs read
/// from it, the background runs and the page renderer.
///
/// Stored runs never change (the store is append-only), so a run loaded once is kept in
/// memory, and so are the margins and waitlists computed from it.
final class ServiceState: Sendable {
    let store: any ServiceStore
    let configuration: ServiceConfiguration
    let jobs = RunJobs()
    /// The progress of the runs started since the service began (the status pages).
    let progress = RunProgressBook()
    let pages: PageRenderer
    /// Every solve a request asks for goes through this pool (`SolverPool`).
    let solver: SolverPool
    private let marginsInFlight = InFlight<MarginResult>()
    private let waitlistsInFlight = InFlight<[WaitlistEntry]>()
    private let loadedRuns = Mutex<[String: StoredRun]>([:])
    private let margins = Mutex<[String: MarginResult]>([:])
    private let waitlists = Mutex<[String: [WaitlistEntry]]>([:])

    /// How many runs are kept in memory before the cache starts afresh.
    static let cachedRuns = 32

    init(store: any ServiceStore, configuration: ServiceConfiguration, pages: PageRenderer) {
        self.store = store
        self.configuration = configuration
        self.pages = pages
        solver = SolverPool(workers: configuration.solverWorkers)
    }

    /// Who made `request`: the bearer token, or (on pages) the browser session of its cookie;
    /// 401 when there is neither or it is not live.
    func authenticate(_ request: Request, allowCookie: Bool) async throws -> Caller {
        let store = self.store
        if let secret = Credentials.bearer(request) {
            guard !secret.isEmpty, secret.utf8.count <= 200,
                let token = try await Blocking.run({ try store.activeToken(secret: secret) })
            else {
                throw ServiceError.unauthorized()
            }
            try Self.refuseUnscoped(token)
            return Caller(token: token, session: nil)
        }
        guard allowCookie, let sessionID = Credentials.sessionID(request),
            let session = try await Blocking.run({ try store.session(id: sessionID) })
        else {
            throw ServiceError.unauthorized()
        }
        try Self.refuseUnscoped(session.token)
        return Caller(token: session.token, session: session)
    }

    /// Applicant tokens issued before ids were scoped to their meeting are refused, with a
    /// message that says how to have them reissued.
    static func refuseUnscoped(_ token: AccessToken) throws {
        if token.needsReissue {
            throw ServiceError(
                .unauthorized,
                "applicant token \(token.id) names no meeting, and application ids are scoped to their meeting: "
                    + "ask the secretariat to reissue it with `fellowship token create --role applicant --meeting ID --applicant ID`"
            )
        }
    }

    /// The chain head as of the commit of stored run `runID` (docs/audit.md, "Anchors").
    func anchor(of runID: String) async throws -> ChainAnchor {
        let store = self.store
        return try await Blocking.run { try store.chainAnchor(runID: runID) }
    }

    /// A stored run; 409 while it is still being decided, 404 when it does not exist.
    func run(_ id: String) async throws -> StoredRun {
        if let run = loadedRuns.withLock({ $0[id] }) { return run }
        let store = self.store
        do {
            let run = try await Blocking.run { try store.loadRun(id: id) }
            // A run whose margins are still being stored is read again next time.
            if run.pendingMargins > 0 { return run }
            loadedRuns.withLock { runs in
                if runs.count >= Self.cachedRuns { runs.removeAll() }
                runs[id] = run
            }
            return run
        } catch let error as StoreError where error.code == .notFound {
            switch jobs.state(of: id) {
            case .running?: throw ServiceError(.conflict, "run \(id) is still being decided; try again shortly")
            case .failed(_, let failure)?:
                throw ServiceError(
                    .notFound, "run \(id) failed and nothing was stored: \(failure.message)", problems: failure.problems
                )
            case nil: throw error
            }
        }
    }

    /// The explanation of `applicationID` in `run`, as `fellowship explain --run` builds it.
    /// When `client` goes away before its margin is known, it stops waiting; the margin's
    /// computation is cancelled unless another request still waits for it.
    func explanation(_ run: StoredRun, applicationID: String, language: Language, client: ClientConnection? = nil)
        async throws -> Explanation
    {
        let result = run.result
        let index = try Explainer.index(of: applicationID, in: result)
        var margin: MarginResult?
        if let rank = result.screening.rankOfApplication[index] {
            let key = "\(run.id)#\(rank)"
            if let cached = margins.withLock({ $0[key] }) {
                margin = cached
            } else {
                // Read from the store, or computed on demand and stored (issue #12), once for
                // concurrent requests and on the solver pool.
                let store = self.store
                let solver = self.solver
                let marginsInFlight = self.marginsInFlight
                let computed = try await ClientConnection.whileConnected(client) {
                    try await marginsInFlight.value(key) {
                        try await solver.run { try store.margins(of: run, ranks: [rank])[0] }
                    }
                }
                margins.withLock { cache in
                    if cache.count >= 4096 { cache.removeAll() }
                    cache[key] = computed
                }
                margin = computed
            }
        }
        return Explainer.build(applicationIndex: index, result: result, margin: margin, language: language)
    }

    /// The waitlist of `run`, as `fellowship waitlist --run` computes it.
    /// With `limit`, only its first places, found without computing every margin.
    /// When `client` goes away, it stops waiting; the computation is cancelled (between its
    /// margins) unless another request still waits for the same waitlist.
    func waitlist(_ run: StoredRun, limit: Int? = nil, client: ClientConnection? = nil) async throws -> [WaitlistEntry]
    {
        if let cached = waitlists.withLock({ $0[run.id] }) { return limit.map { Array(cached.prefix($0)) } ?? cached }
        let store = self.store
        let solver = self.solver
        let waitlistsInFlight = self.waitlistsInFlight
        let key = "\(run.id)#\(limit.map(String.init) ?? "all")"
        let entries = try await ClientConnection.whileConnected(client) {
            try await waitlistsInFlight.value(key) {
                try await solver.run(stoppable: { work in
                    try store.waitlist(of: run, limit: limit, stop: { work.isStopped }).entries
                })
            }
        }
        if limit != nil { return entries }
        waitlists.withLock { cache in
            if cache.count >= Self.cachedRuns { cache.removeAll() }
            cache[run.id] = entries
        }
        return entries
    }

    /// Reads the request body, refusing more than the configured limit (413).
    func body(_ request: Request) async throws -> [UInt8] {
        var request = request
        let buffer = try await request.collectBody(upTo: configuration.maxBodyBytes)
        return Array(buffer.readableBytesView)
    }
}
