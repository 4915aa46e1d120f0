/// What the margins already known of a run tell about another one (issue #12).
///
/// `incumbents` are allocations found for other margins; any of them that is feasible and
/// meets this margin's condition is a lower bound on V*(condition) and a better start for the
/// solver than the local search alone. `upperBound` is a proven bound V*(condition) ≤ U
/// (from value dominance, `ValueDominance`); when a known allocation reaches it, it is the
/// optimum under the condition and the margin needs no solve. Neither changes the margin:
/// only how it is found.
public struct MarginHint: Sendable {
    public var incumbents: [Allocation] = []
    public var upperBound: Double?

    public init(incumbents: [Allocation] = [], upperBound: Double? = nil) {
        self.incumbents = incumbents
        self.upperBound = upperBound
    }

    /// Whether an allocation of value `value` reaches the upper bound: within
    /// `1e-9·max(1, |U|)`, the solver's own cutoff, so floating-point sums of the same
    /// allocation in another order still count, and no better allocation can hide below it.
    func reaches(_ value: Double) -> Bool {
        guard let upperBound else { return false }
        return value >= upperBound - 1e-9 * max(1, abs(upperBound))
    }

    /// The best of `start` and the incumbents that are feasible and meet `conditions`
    /// (checked exactly here: nothing in a hint is trusted); ties keep the earlier.
    func better(than start: Allocation?, conditions: AllocationModel.Conditions, problem: AllocationProblem) -> Allocation? {
        var best = start.map { (allocation: $0, value: problem.value(of: $0)) }
        for incumbent in incumbents
        where incumbent.count == problem.candidates.count && conditions.areMet(by: incumbent) && problem.isFeasible(incumbent) {
            let value = problem.value(of: incumbent)
            if best == nil || value > best!.value { best = (incumbent, value) }
        }
        return best?.allocation
    }
}
