/// What one solve of the allocation model established, whichever way it was solved (by
/// number of awards, or the plain model with its no-good rounds) and whatever asked for it
/// (the run, a margin, a reallocation, a scenario point).
///
/// One shape for all of them, so that "proven or not" and "which bound" are read the same
/// way everywhere: `status` is `.optimal` exactly when the value is proven to be the optimum
/// under the conditions (within the tolerance), and `bound` is then the value itself.
public struct SolveOutcome: Sendable {
    /// The best allocation found, by candidate rank of the problem solved.
    public var allocation: Allocation
    /// V of `allocation`, evaluated exactly.
    public var value: Double
    /// `.optimal` when proven, `.time_limit` when a limit stopped the search first.
    public var status: RunStatus
    /// A proven upper bound on V under the conditions (the value itself when proven).
    public var bound: Double
    /// Seconds the solve took, wall clock.
    public var seconds: Double

    public init(allocation: Allocation, value: Double, status: RunStatus, bound: Double, seconds: Double = 0) {
        self.allocation = allocation
        self.value = value
        self.status = status
        self.bound = bound
        self.seconds = seconds
    }

    /// Whether the value is proven to be the optimum.
    public var proven: Bool { status == .optimal }
}
