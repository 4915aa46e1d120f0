/// State shared with GLPK's branch-and-bound callback during one `glp_intopt` call.
///
/// GLPK reports the search tree only through a C callback, and after `glp_intopt` returns the
/// tree is gone. So the best bound and node count have to be collected *during* the search,
/// into a box the callback reaches through `cb_info`. The box is used on the solving thread
/// only (GLPK calls back synchronously), so it needs no locking and is not `Sendable`.
final class SearchMonitor {
    let sense: ObjectiveSense

    /// The initial solution in GLPK's 1-based layout (element 0 unused), until it is offered.
    private var pendingIncumbent: [Double]?

    /// Whether `glp_ios_heur_sol` accepted the initial solution.
    private(set) var incumbentAccepted = false

    /// The tightest proven bound seen so far; `nil` until a finite one is known.
    private(set) var bestBound: Double?

    /// Nodes created so far (GLPK's `t_cnt`), `nil` until the callback first runs.
    private(set) var nodes: Int?

    /// Nodes after which the search is stopped (`SolverOptions.nodeLimit`), nil for none.
    let nodeLimit: Int?

    /// Whether the search stops at its first incumbent (`SolverOptions.stopsAtFirstSolution`).
    let stopsAtFirstSolution: Bool

    /// The monitor of one search with `options`' stopping rules (node limit, first solution).
    init(sense: ObjectiveSense, incumbent: [Double]? = nil, options: SolverOptions) {
        self.sense = sense
        self.nodeLimit = options.nodeLimit
        self.stopsAtFirstSolution = options.stopsAtFirstSolution
        self.pendingIncumbent = incumbent.map { [0] + $0 }
    }

    /// Records a valid bound, keeping the tightest one. Each recorded value bounds the optimum
    /// (the best open node, or the root relaxation), and the search only tightens it, so the
    /// maximum (minimising) or minimum (maximising) of all of them is the best proof available.
    /// GLPK marks "no bound yet" with ±DBL_MAX; that is ignored.
    func recordBound(_ bound: Double) {
        guard bound.isFinite, abs(bound) < Double.greatestFiniteMagnitude else { return }
        guard let current = bestBound else {
            bestBound = bound
            return
        }
        bestBound = sense == .minimize ? max(current, bound) : min(current, bound)
    }

    func recordNodes(_ count: Int) {
        nodes = count
    }

    /// Whether the search has created as many nodes as it may.
    var reachedNodeLimit: Bool {
        guard let nodeLimit, let nodes else { return false }
        return nodes >= nodeLimit
    }

    /// Hands out the initial solution exactly once (GLPK asks at every node).
    func takeIncumbent() -> [Double]? {
        defer { pendingIncumbent = nil }
        return pendingIncumbent
    }

    func recordIncumbent(accepted: Bool) {
        incumbentAccepted = accepted
    }
}
