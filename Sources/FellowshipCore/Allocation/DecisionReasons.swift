/// Why a not-awarded eligible application was not awarded, in the codes of FORMATS.md.
public enum NotAwardedReason: String, CaseIterable, Comparable, Sendable {
    case budget
    case country_cap
    case dsa_rule
    case outscored
    case tie_earlier_applicant

    public static func < (lhs: NotAwardedReason, rhs: NotAwardedReason) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Determines the reasons of every not-awarded candidate against the final allocation.
///
/// - `budget`, `country_cap`, `dsa_rule`: constraints that adding the candidate (with any
///   allowed component, nobody removed) would break. Listed when every allowed component
///   breaks at least one constraint; the union over the components is given.
/// - `outscored`: the candidate could have been added as is, or could have taken the
///   place of an awarded applicant without breaking a constraint, but V would have fallen:
///   those funded are worth more under the policy.
/// - `tie_earlier_applicant`: the candidate could have taken the place of an awarded
///   applicant who applied earlier at no loss of V; the tie rule favoured that applicant.
///
/// At least one reason is always given: if no constraint blocks direct addition, adding
/// was possible, which is `outscored`.
public enum DecisionReasons {
    public static func reasons(
        for rank: Int, allocation: Allocation, tally: AllocationProblem.Tally, problem: AllocationProblem,
        optimum: Double
    ) -> [NotAwardedReason] {
        let candidate = problem.candidates[rank]
        var reasons: Set<NotAwardedReason> = []
        let blockers = candidate.componentsByCost.map { tally.blockers(candidate, $0) }
        if blockers.contains(where: \.isEmpty) {
            reasons.insert(.outscored)
        } else {
            for constraint in blockers.joined() {
                switch constraint {
                case .budget: reasons.insert(.budget)
                case .countryCap: reasons.insert(.country_cap)
                case .dsaRule: reasons.insert(.dsa_rule)
                }
            }
        }
        let threshold = optimum - AllocationProblem.tolerance(optimum)
        for other in allocation.indices where allocation[other] != nil {
            guard
                let swapped = ExchangeStabilizer.swap(
                    remove: other, add: rank, allocation: allocation, tally: tally, problem: problem)
            else { continue }
            if swapped.value >= threshold {
                if other < rank { reasons.insert(.tie_earlier_applicant) }
            } else {
                reasons.insert(.outscored)
            }
        }
        return reasons.sorted()
    }
}
