/// Exact symmetry between candidates (issue #12): one conditioned solve per class of clones.
///
/// Two eligible candidates are *clones* when they are of the same country, have the same
/// score, allow the same components at the same costs, and are both women or both not. V and
/// every constraint of MODEL.md section 3 read a candidate only through these (the country
/// gives the region, the cap and the DSA count; ranks do not enter V), so exchanging what two
/// clones receive maps every feasible allocation to a feasible allocation of the same V. That
/// exchange maps the allocations awarding a to those awarding its clone a′, and those not
/// awarding a to those not awarding a′, so V*(a awarded) = V*(a′ awarded) and
/// V*(a not awarded) = V*(a′ not awarded): clones of the same published status have the same
/// margin, and the best allocation under one's condition, with the two exchanged, is a best
/// allocation under the other's (docs/explanations.md, "Clones").
///
/// Candidates the run's own conditions pin (kept, fixed, declined) belong to no class: the
/// exchange would move a condition.
public struct CloneClasses: Sendable {
    /// For each rank, the earliest-ranked clone with the same published status (the
    /// candidate itself when it is the earliest); nil for a pinned candidate.
    public let representative: [Int?]

    public init(problem: AllocationProblem, published: Allocation, base: AllocationModel.Conditions = .init()) {
        var first: [Key: Int] = [:]
        representative = problem.candidates.map { candidate in
            let rank = candidate.rank
            if base.awarded.contains(rank) || base.excluded.contains(rank) || base.fixed[rank] != nil { return nil }
            let key = Key(candidate, awarded: published[rank] != nil)
            if let earlier = first[key] { return earlier }
            first[key] = rank
            return rank
        }
    }

    /// How many distinct margins the unpinned candidates need (one per class and status).
    public var classCount: Int { representative.indices.filter { representative[$0] == $0 }.count }

    /// Whether `a` and `b` are clones (the relation of the type's description).
    public static func areClones(_ a: Candidate, _ b: Candidate) -> Bool {
        Key(a, awarded: false) == Key(b, awarded: false)
    }

    /// What makes a candidate interchangeable with another, and its published status.
    struct Key: Hashable {
        var country: Int
        var scoreBits: UInt64
        var isFemale: Bool
        var ticketCents: Int64?
        var dsaCents: Int64?
        var awarded: Bool

        init(_ candidate: Candidate, awarded: Bool) {
            country = candidate.country
            scoreBits = candidate.score.bitPattern
            isFemale = candidate.isFemale
            ticketCents = candidate.ticketCost?.cents
            dsaCents = candidate.dsaCost?.cents
            self.awarded = awarded
        }
    }

    /// `allocation` with what `a` and `b` receive exchanged.
    static func exchanging(_ a: Int, _ b: Int, in allocation: Allocation) -> Allocation {
        var exchanged = allocation
        exchanged[a] = allocation[b]
        exchanged[b] = allocation[a]
        return exchanged
    }

    /// The margin of `member` read from the margin of its clone `source` (same published
    /// status): the same kind and alternative optimum; the alternative allocation is the
    /// source's with the two exchanged, then the tie rule is applied under the member's own
    /// condition (`MarginCalculator.settled`), as for a margin solved directly.
    static func transfer(
        _ source: MarginResult, to member: Int, problem: AllocationProblem, base: AllocationModel.Conditions
    ) -> MarginResult {
        guard member != source.rank else { return source }
        guard let alternative = source.alternative else {
            var copy = source
            copy.rank = member
            copy.seconds = 0
            return copy
        }
        let conditions =
            source.margin.kind == .toBeAwarded
            ? MarginCalculator.adding(base, awarded: member) : MarginCalculator.adding(base, excluded: member)
        return MarginCalculator.settled(
            member, exchanging(source.rank, member, in: alternative), kind: source.margin.kind,
            optimum: source.margin.optimum, exact: source.margin.isExact, method: source.method, problem: problem,
            conditions: conditions)
    }
}
