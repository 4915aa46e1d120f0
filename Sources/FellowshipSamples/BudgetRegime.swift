public import FellowshipCore
import Foundation

/// Budgets in the "many awards" regime (issue #12): a share of what funding the
/// `country_cap` cheapest eligible applications of every country would cost.
///
/// At 40 to 70 % of that amount a meeting funds 100 to 250 awards and both the budget and the
/// country cap bind, the hardest regime for the solver; the fixed 60,000 budget of the default
/// policy funds about 40. `fellowship generate --budget-share` writes a policy with such a
/// budget beside the generated applications.
public enum BudgetRegime {
    /// The cost of funding, in every country, its `problem.countryCap` cheapest eligible
    /// applications, each at its cheapest allowed component.
    public static func fullFunding(_ problem: AllocationProblem) -> Money {
        var costs: [Int: [Int64]] = [:]
        for candidate in problem.candidates {
            costs[candidate.country, default: []].append(candidate.cheapestCost.cents)
        }
        let cents = costs.values.reduce(Int64(0)) { sum, list in
            sum + list.sorted().prefix(max(0, problem.countryCap)).reduce(0, +)
        }
        return Money(cents: cents)
    }

    /// `share` of `fullFunding`, to the cent (rounded half up).
    public static func budget(share: Double, of problem: AllocationProblem) -> Money {
        Money(cents: Int64((Double(fullFunding(problem).cents) * share).rounded(.toNearestOrAwayFromZero)))
    }

    /// The policy text `base` with its top-level `budget` replaced by `budget` (the rest of
    /// the file unchanged, byte for byte); nil when `base` has no `"budget": number` member.
    public static func policy(_ base: String, budget: Money) -> String? {
        guard let range = base.range(of: #""budget"\s*:\s*-?[0-9]+(\.[0-9]+)?"#, options: .regularExpression) else {
            return nil
        }
        return base.replacingCharacters(in: range, with: "\"budget\": \(budget.decimalText)")
    }
}
