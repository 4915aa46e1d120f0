/// Value dominance between margins (issue #12): bounds one candidate's margin by another's.
///
/// Candidate b *dominates a in value* when they are of the same country, b's score is at
/// least a's, b allows every component a allows at a cost no greater, and b is a woman
/// whenever a is. Unlike `Dominance` (which sets candidates aside) the rank does not enter:
/// these are statements about optima, not about the tie rule. With neither pinned by the
/// run's conditions (docs/explanations.md, "Value dominance"):
///
/// - V*(a awarded) ≤ V*(b awarded): in a best allocation awarding a, either b is awarded
///   too, or b can take a's component instead (no dearer, same country so the same caps;
///   V does not fall).
/// - V*(b not awarded) ≤ V*(a not awarded): in a best allocation without b, either a is not
///   awarded, or b can take a's component.
///
/// So between not-awarded candidates margin(a) ≥ margin(b), and between awarded ones
/// margin(b) ≥ margin(a).
struct ValueDominance: Sendable {
    /// For each rank, the other unpinned candidates that dominate it in value, by rank.
    let dominators: [[Int]]

    /// Whether `b` dominates `a` in value (the relation of the type's description).
    static func dominates(_ b: Candidate, _ a: Candidate) -> Bool {
        guard b.country == a.country, b.score >= a.score, b.isFemale || !a.isFemale else { return false }
        if let cost = a.ticketCost {
            guard let other = b.ticketCost, other <= cost else { return false }
        }
        if let cost = a.dsaCost {
            guard let other = b.dsaCost, other <= cost else { return false }
        }
        return true
    }

    init(problem: AllocationProblem, base: AllocationModel.Conditions = .init()) {
        func pinned(_ rank: Int) -> Bool {
            base.awarded.contains(rank) || base.excluded.contains(rank) || base.fixed[rank] != nil
        }
        var byCountry = [[Int]](repeating: [], count: problem.countries.count)
        for candidate in problem.candidates where !pinned(candidate.rank) {
            byCountry[candidate.country].append(candidate.rank)
        }
        var dominators = [[Int]](repeating: [], count: problem.candidates.count)
        for ranks in byCountry {
            for a in ranks {
                dominators[a] = ranks.filter {
                    $0 != a && Self.dominates(problem.candidates[$0], problem.candidates[a])
                }
            }
        }
        self.dominators = dominators
    }
}
