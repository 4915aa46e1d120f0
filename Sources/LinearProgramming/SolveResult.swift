/// Why the solver stopped, kept apart from the numbers (as in MathOpt) so callers decide what a
/// result means by switching on one enum instead of inspecting optional values.
public enum Termination: Sendable, Equatable {
    /// Proven optimal, or (for a MIP) within ``SolverOptions/relativeMIPGap`` of proven optimal.
    case optimal
    /// No point satisfies all constraints and integrality.
    case infeasible
    /// Feasible points exist with arbitrarily good objective.
    case unbounded
    /// The time limit stopped the search; ``SolveResult/values`` holds the best point found.
    case limitReachedWithSolution
    /// The time limit stopped the search before any feasible point was found.
    case limitReachedWithoutSolution
    /// GLPK failed (numerical trouble, an unexpected status); the text says which call and code.
    case error(String)

    /// Whether a result with this termination carries a point.
    public var hasSolution: Bool {
        self == .optimal || self == .limitReachedWithSolution
    }
}

/// The outcome of one solve: a termination reason plus, when a point exists, its values.
public struct SolveResult: Sendable {
    public var termination: Termination
    /// Objective value of ``values`` (including the objective's constant); `nil` without a point.
    public var objectiveValue: Double?
    /// A proven bound on the optimal objective (a lower bound when minimising). Equals
    /// ``objectiveValue`` when proven optimal; after a limit (or a gap stop) it is the best local
    /// bound of the open branch-and-bound nodes; `nil` when unknown.
    public var bestBound: Double?
    /// |bound − value| / (1e-10 + |value|), as GLPK's `glp_ios_mip_gap` computes it; 0 when proven
    /// optimal, `nil` unless both a point and a bound exist.
    public var relativeGap: Double?
    /// One value per variable (index = ``VariableID/index``) when a point exists, else empty.
    public var values: [Double]
    /// For an LP solved to optimality: the reduced cost of each variable (index =
    /// ``VariableID/index``), GLPK's `glp_get_col_dual`; empty otherwise. For a variable at a
    /// bound it is how fast the objective changes as the variable leaves that bound, which lets a
    /// caller prove that a variable cannot move without losing more than a given amount.
    public var reducedCosts: [Double] = []
    /// Wall-clock seconds spent in the solve call.
    public var seconds: Double
    /// Branch-and-bound nodes created, for MIPs that reached the search; `nil` otherwise.
    public var nodes: Int?
    /// For a MIP with ``SolverOptions/initialSolution``: whether GLPK took it as an incumbent
    /// (`false` if it was infeasible, not better than GLPK's own, or never asked for); otherwise `nil`.
    public var initialSolutionAccepted: Bool?

    public init(
        termination: Termination,
        objectiveValue: Double? = nil,
        bestBound: Double? = nil,
        relativeGap: Double? = nil,
        values: [Double] = [],
        seconds: Double = 0,
        nodes: Int? = nil,
        initialSolutionAccepted: Bool? = nil
    ) {
        self.termination = termination
        self.objectiveValue = objectiveValue
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.values = values
        self.seconds = seconds
        self.nodes = nodes
        self.initialSolutionAccepted = initialSolutionAccepted
    }

    /// The value of `variable` in the returned point, `nil` when there is no point.
    public func value(_ variable: VariableID) -> Double? {
        values.indices.contains(variable.index) ? values[variable.index] : nil
    }

    /// GLPK's relative gap formula, shared so every path reports the same number.
    static func relativeGap(bound: Double, value: Double) -> Double {
        abs(bound - value) / (1e-10 + abs(value))
    }
}
