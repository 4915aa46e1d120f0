/// The falling targets of a conditioned solve's exact searches (`ConditionedSolver`, margins).
///
/// A margin's solve starts from the local search's allocation, which in the many-awards
/// regime is often several points below the conditioned optimum. Reduced-cost fixing against
/// that value keeps most candidates, and the one search that then has to close the gap takes
/// seconds (15.7 s and 23,523 nodes for one margin of a 1,500-application meeting). Asking
/// first for an allocation within one point of the best bound, then within two, four and
/// eight, keeps only the candidates whose reduced costs allow such a value, so each search is
/// small.
///
/// - A level that finds an allocation at a count, in a search that ended, settles that count
///   exactly: the search maximised V over every allocation of at least the target, and
///   reduced-cost fixing against the target set aside nothing such an allocation could use.
/// - A level that proves nothing reaches its target lowers the count's bound to the target,
///   and the next level asks again lower down.
/// - A level's search that stops at its node limit (`probeNodes`) keeps any allocation it
///   found as the best known, and leaves the count open.
///
/// Once a target would fall to the value to beat, the plain search takes over. So the
/// optimum is the same as without levels; only the work to reach it changes.
struct TargetLevels: Sendable {
    /// The best LP bound over the counts; nil when there is no count to search.
    let top: Double?
    /// The step of the value lattice, when V has one: targets sit halfway between lattice
    /// points, so no allocation's value is within GLPK's tolerances of a target.
    let lattice: Double?
    /// The first level's distance below `top`, in points of V.
    static let firstDepth = 1.0
    /// Past this depth below `top`, the plain search runs instead of further levels.
    static let lastDepth = 8.0
    /// A level's search stops after this many branch-and-bound nodes (a node limit, never a
    /// time limit, so that the same levels find the same allocations on every run).
    static let probeNodes = 500
    private var depth = firstDepth

    init(top: Double?, lattice: Double?) {
        self.top = top
        self.lattice = lattice
    }

    /// This level's target, or nil when the plain search should run instead: when the target
    /// would not be above `floor` (the value to beat), or the levels are exhausted.
    func target(above floor: Double?) -> Double? {
        guard let top, top.isFinite, depth <= Self.lastDepth else { return nil }
        var value = top - depth
        if let lattice, lattice > 0 {
            value = ((value / lattice).rounded(.down) + 0.5) * lattice
        }
        if let floor, value <= floor { return nil }
        return value
    }

    /// Moves to the next level, twice as deep.
    mutating func descend() { depth *= 2 }
}
