/// Families of cutting planes GLPK can generate in branch and cut.
public enum CutFamily: String, Sendable, Hashable, CaseIterable {
    /// Gomory's mixed-integer cuts.
    case gomory
    /// Mixed-integer rounding cuts.
    case mixedIntegerRounding
    /// Mixed cover cuts. Applied only when GLPK's MIP presolver is off (no presolve, or an
    /// initial solution given): GLPK 5.0 aborts the process when the presolver leaves no
    /// columns and cover cuts are on.
    case cover
    /// Clique cuts.
    case clique
}

/// How GLPK picks the variable to branch on.
public enum BranchingRule: String, Sendable, Hashable, CaseIterable {
    case firstFractional, lastFractional, mostFractional, driebeckTomlin, hybridPseudoCost
}

/// How GLPK picks the next open node of the search tree.
public enum BacktrackingRule: String, Sendable, Hashable, CaseIterable {
    case depthFirst, breadthFirst, bestLocalBound, bestProjection
}

/// Knobs for one ``GLPKSolver/solve(_:options:)`` call.
///
/// All values are validated before GLPK sees them (GLPK aborts the process on out-of-range
/// parameters). Branch-and-bound settings are ignored for pure LPs.
public struct SolverOptions: Sendable {
    /// Wall-clock limit in seconds for the whole call; `nil` for none. Must be finite and ≥ 0.
    /// GLPK takes whole milliseconds in a C `int`, so the value is rounded up to a millisecond
    /// and clamped to `Int32.max` (about 24.8 days, which GLPK treats as "no limit").
    ///
    /// GLPK checks the limit between simplex iterations and between tree nodes; with
    /// ``presolve`` on, the MIP presolver and the root LP relaxation inside `glp_intopt` run
    /// without a limit, so a huge model can overrun it.
    public var timeLimitSeconds: Double?

    /// Stop branch and bound once |bound − incumbent| / |incumbent| is at most this
    /// (GLPK's `mip_gap`). 0 asks for proven optimality. Must be finite and ≥ 0.
    /// A stop on this tolerance is reported as ``Termination/optimal`` with the real bound and gap.
    public var relativeMIPGap: Double

    /// Use GLPK's presolver (LP presolver for pure LPs, MIP presolver otherwise).
    public var presolve: Bool

    /// Cut families to enable; none by default, as in GLPK.
    public var cuts: Set<CutFamily>

    public var branching: BranchingRule

    public var backtracking: BacktrackingRule

    /// Stop branch and bound once GLPK has created this many nodes (through
    /// `glp_ios_terminate` in the search callback); `nil` for no limit. Must be at least 1.
    /// Unlike a time limit, a node limit stops a search at the same point on every run, so a
    /// heuristic search bounded by it returns the same allocation however loaded the machine
    /// is. A stop on it is reported like a time limit (``Termination/limitReachedWithSolution``
    /// or ``Termination/limitReachedWithoutSolution``). Not applied to the feasibility probe of
    /// a MIP whose relaxation is unbounded.
    public var nodeLimit: Int?

    /// Stop branch and bound at the first integer-feasible point it finds (through
    /// `glp_ios_terminate` when GLPK reports a new incumbent), for questions that only ask
    /// whether any point exists, such as "is there an allocation worth at least this much"
    /// with that as a row. Reported like a node limit: ``Termination/limitReachedWithSolution``
    /// when stopped there, ``Termination/infeasible`` when the search ends without a point.
    public var stopsAtFirstSolution = false

    /// A feasible point (one value per variable, in id order) offered to GLPK once as its first
    /// incumbent. Must have exactly ``Model/variableCount`` finite values, or solving throws.
    ///
    /// The point is checked against bounds, integrality and rows (within 1e-6) and silently
    /// dropped if it fails, because GLPK would accept an infeasible point unchecked. GLPK may also
    /// decline it (not better than its own incumbent, or the root relaxation was already integral);
    /// ``SolveResult/initialSolutionAccepted`` tells which happened. Because the MIP presolver
    /// renumbers columns, a point can only be handed to an unpresolved search, so with an
    /// initial solution the MIP presolver is skipped even if ``presolve`` is on. Ignored for LPs.
    public var initialSolution: [Double]?

    public init(
        timeLimitSeconds: Double? = nil,
        relativeMIPGap: Double = 0,
        presolve: Bool = true,
        cuts: Set<CutFamily> = [],
        branching: BranchingRule = .driebeckTomlin,
        backtracking: BacktrackingRule = .bestLocalBound,
        initialSolution: [Double]? = nil,
        nodeLimit: Int? = nil
    ) {
        self.nodeLimit = nodeLimit
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeMIPGap = relativeMIPGap
        self.presolve = presolve
        self.cuts = cuts
        self.branching = branching
        self.backtracking = backtracking
        self.initialSolution = initialSolution
    }

    /// Checks every option against its range and the model, and prepares the incumbent.
    func validated(for model: Model) throws(ModelError) -> ValidatedSolverOptions {
        if let timeLimitSeconds, !(timeLimitSeconds.isFinite && timeLimitSeconds >= 0) {
            throw ModelError(
                .invalidOption,
                "timeLimitSeconds is \(timeLimitSeconds); it must be finite and at least 0 (nil means no limit)")
        }
        if let nodeLimit, nodeLimit < 1 {
            throw ModelError(.invalidOption, "nodeLimit is \(nodeLimit); it must be at least 1 (nil means no limit)")
        }
        if !(relativeMIPGap.isFinite && relativeMIPGap >= 0) {
            throw ModelError(.invalidOption, "relativeMIPGap is \(relativeMIPGap); it must be finite and at least 0")
        }
        var incumbent: [Double]?
        if let initialSolution {
            guard initialSolution.count == model.variableCount else {
                throw ModelError(
                    .invalidOption,
                    "initialSolution has \(initialSolution.count) values but model \(Validation.quoted(model.name)) has \(model.variableCount) variables"
                )
            }
            if let bad = initialSolution.firstIndex(where: { !$0.isFinite }) {
                let name = model.variable(VariableID(index: bad)).name
                throw ModelError(
                    .invalidOption,
                    "initialSolution value for variable \(Validation.quoted(name)) is \(initialSolution[bad]); it must be finite"
                )
            }
            if model.isMixedInteger {
                incumbent = model.feasiblePoint(near: initialSolution)
            }
        }
        return ValidatedSolverOptions(
            options: self,
            incumbent: incumbent,
            offersIncumbent: initialSolution != nil && model.isMixedInteger)
    }

    /// GLPK's millisecond `int` for a duration in seconds: rounded up, clamped to 0...Int32.max.
    static func milliseconds(_ seconds: Double) -> Int32 {
        let milliseconds = (seconds * 1000).rounded(.up)
        guard milliseconds > 0 else { return 0 }
        return milliseconds >= Double(Int32.max) ? Int32.max : Int32(milliseconds)
    }
}

/// Options after validation, in the form the GLPK bridge consumes.
struct ValidatedSolverOptions {
    let options: SolverOptions
    /// The initial solution, snapped to integers, if it is feasible for a MIP; else `nil`.
    let incumbent: [Double]?
    /// Whether the caller asked for an initial solution on a MIP (so acceptance is reported).
    let offersIncumbent: Bool
}
