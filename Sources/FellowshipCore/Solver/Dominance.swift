/// Dominance inside a country: candidates that no optimum needs, set aside before solving.
///
/// Candidate b *dominates* candidate a when both are of the same country, b ranks earlier,
/// b's score is at least a's, b allows every component a allows at no greater cost, and b is
/// a woman whenever a is. Giving b what a had instead keeps the budget, every cap and the
/// coverage and region terms, and never lowers V (the score does not fall, the gender
/// shortfall does not rise). A candidate with at least `country_cap` dominators can be set
/// aside: some optimum awards it nothing, and the tie rule applied to an optimum of the
/// reduced problem is exchange-stable in the full problem. The proofs are in
/// docs/performance.md ("Dominance inside a country").
///
/// Under extra conditions (margins, reallocations) a candidate that the conditions award or
/// fix is never set aside, and an excluded candidate does not count as anyone's dominator
/// (it cannot take the award over).
public struct Dominance: Sendable {
    /// For each candidate (by rank), whether it is set aside.
    public var setAside: [Bool]

    /// Whether `b` dominates `a` (the relation of the type's description).
    ///
    /// The objective's side (same country, so same region and coverage; score; gender) is
    /// checked first; then each constraint of MODEL.md section 3 in turn, so that a new kind
    /// of constraint does not compile until it says why giving b what a had still keeps it.
    public static func dominates(_ b: Candidate, _ a: Candidate) -> Bool {
        guard b.country == a.country, b.rank < a.rank, b.score >= a.score, b.isFemale || !a.isFemale else {
            return false
        }
        for constraint in AllocationProblem.Constraint.allCases {
            switch constraint {
            case .budget:
                // Whatever a is given, b's same component costs no more.
                if let cost = a.ticketCost, !(b.ticketCost.map { $0 <= cost } ?? false) { return false }
                if let cost = a.dsaCost, !(b.dsaCost.map { $0 <= cost } ?? false) { return false }
            case .countryCap:
                // Same country (checked above): the country's count of awards is unchanged.
                break
            case .dsaRule:
                // b takes a's component, so the country's count of DSA awards is unchanged;
                // b allows it because the budget case required b's cost of every component a allows.
                if a.ticketCost != nil && b.ticketCost == nil || a.dsaCost != nil && b.dsaCost == nil { return false }
            }
        }
        return true
    }

    public init(problem: AllocationProblem, conditions: AllocationModel.Conditions = .init()) {
        var byCountry = [[Int]](repeating: [], count: problem.countries.count)
        for candidate in problem.candidates { byCountry[candidate.country].append(candidate.rank) }
        var setAside = [Bool](repeating: false, count: problem.candidates.count)
        // With `country_cap` dominators, an allocation awarding a leaves at least one of them
        // without an award (the country holds at most `country_cap`, a among them), and that
        // one can take a's place (`dominates`).
        let needed = max(0, problem.countryCap)
        for ranks in byCountry {
            // Ranks ascending: every possible dominator of a comes before a.
            for (position, rank) in ranks.enumerated() {
                guard !conditions.awarded.contains(rank), conditions.fixed[rank] == nil else { continue }
                if conditions.excluded.contains(rank) {
                    setAside[rank] = true
                    continue
                }
                let candidate = problem.candidates[rank]
                var dominators = 0
                for other in ranks[..<position] where dominators < needed {
                    if !conditions.excluded.contains(other) && Self.dominates(problem.candidates[other], candidate) {
                        dominators += 1
                    }
                }
                if dominators >= needed { setAside[rank] = true }
            }
        }
        self.setAside = setAside
    }

    /// How many candidates are set aside.
    public var count: Int { setAside.reduce(0) { $0 + ($1 ? 1 : 0) } }
}

/// A problem restricted to the candidates that dominance keeps, with the way back to the
/// full problem's ranks.
public struct ReducedProblem: Sendable {
    /// The kept candidates, re-ranked 0..<k in the same order; countries, budget, caps,
    /// targets and weights unchanged (so V of an allocation is the same in both).
    public var problem: AllocationProblem
    /// Full rank of each kept candidate (`fullRank[reducedRank]`).
    public var fullRank: [Int]
    /// Reduced rank of each full candidate, nil when set aside.
    public var reducedRank: [Int?]
    /// The conditions, in reduced ranks (excluded candidates that were set aside dropped).
    public var conditions: AllocationModel.Conditions
    public let fullCount: Int

    public init(_ full: AllocationProblem, keeping kept: [Bool], conditions: AllocationModel.Conditions = .init()) {
        var fullRank: [Int] = []
        var reducedRank = [Int?](repeating: nil, count: full.candidates.count)
        var candidates: [Candidate] = []
        for candidate in full.candidates where kept[candidate.rank] {
            var copy = candidate
            copy.rank = candidates.count
            reducedRank[candidate.rank] = copy.rank
            fullRank.append(candidate.rank)
            candidates.append(copy)
        }
        var problem = full
        problem.candidates = candidates
        self.problem = problem
        self.fullRank = fullRank
        self.reducedRank = reducedRank
        self.fullCount = full.candidates.count
        self.conditions = AllocationModel.Conditions(
            awarded: Set(conditions.awarded.compactMap { reducedRank[$0] }),
            excluded: Set(conditions.excluded.compactMap { reducedRank[$0] }),
            fixed: Dictionary(
                uniqueKeysWithValues: conditions.fixed.compactMap { rank, component in
                    reducedRank[rank].map { ($0, component) }
                }))
    }

    /// The dominance reduction of `full` under `conditions`.
    public init(_ full: AllocationProblem, conditions: AllocationModel.Conditions = .init()) {
        let dominance = Dominance(problem: full, conditions: conditions)
        self.init(full, keeping: dominance.setAside.map { !$0 }, conditions: conditions)
    }

    /// Whether any candidate was set aside.
    public var isReduced: Bool { fullRank.count < fullCount }

    /// A reduced allocation in full ranks (set-aside candidates get nothing).
    public func expand(_ allocation: Allocation) -> Allocation {
        var full = Allocation(repeating: nil, count: fullCount)
        for (reduced, component) in allocation.enumerated() { full[fullRank[reduced]] = component }
        return full
    }

    /// A full allocation in reduced ranks; nil when it awards a set-aside candidate.
    public func restrict(_ allocation: Allocation) -> Allocation? {
        guard allocation.count == fullCount else { return nil }
        for (rank, component) in allocation.enumerated() where component != nil && reducedRank[rank] == nil {
            return nil
        }
        return fullRank.map { allocation[$0] }
    }
}
