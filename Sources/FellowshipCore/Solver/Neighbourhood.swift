import LinearProgramming

/// The neighbourhood of an allocation at one count of awards, induced by that count's LP
/// relaxation (RINS, Danna, Rothberg and Le Pape 2005): where the allocation and the relaxation
/// agree, the search keeps the allocation's choice; where they disagree, it is free.
///
/// A margin's solve starts from a local search's allocation (`LocalSearch`), in the many-awards
/// regime often one to ten points below the conditioned optimum. With that start, reduced-cost
/// fixing keeps most candidates and the exact searches spend their first thousand nodes finding
/// what a better start would have given at once: solving each margin a second time from its own
/// optimum took 43 % less time on a 1,500-application meeting (docs/performance.md). The
/// disagreement is small (about ten candidates), so a search over it costs a few milliseconds
/// and usually closes most of the distance to the optimum.
///
/// Only a start: the searches that prove the optimum are the exact ones, over every candidate.
struct Neighbourhood {
    /// The candidates the search may award; the others get nothing.
    var keep: [Bool]
    /// The conditions, with the awards the allocation and the relaxation agree on held.
    var conditions: AllocationModel.Conditions
    /// How many candidates are neither held nor left out.
    var free = 0

    /// - Parameters:
    ///   - start: the allocation, in the ranks of `template.problem`;
    ///   - relaxation: the count's LP relaxation over `template`'s variables;
    ///   - width: beyond the disagreement, this many of the left-out candidates whose reduced
    ///     costs are closest to 0 are freed, and as many of the held ones: the relaxation's
    ///     nearest alternatives, which the disagreement alone can miss.
    init(
        start: Allocation, relaxation: SolveResult, template: CountModel.Template,
        conditions base: AllocationModel.Conditions, width: Int
    ) {
        let problem = template.problem
        keep = [Bool](repeating: false, count: problem.candidates.count)
        conditions = base
        var leftOut: [(rank: Int, reducedCost: Double)] = []
        var held: [(rank: Int, reducedCost: Double)] = []
        for candidate in problem.candidates {
            let rank = candidate.rank
            if base.awarded.contains(rank) || base.fixed[rank] != nil {
                keep[rank] = true
                continue
            }
            if base.excluded.contains(rank) { continue }
            let ticket = template.built.ticketVariables[rank]
            let dsa = template.built.dsaVariables[rank]
            func value(_ variable: VariableID?) -> Double { variable.map { relaxation.values[$0.index] } ?? 0 }
            func reducedCost(_ variable: VariableID?) -> Double {
                variable.map { relaxation.reducedCosts[$0.index] } ?? -.infinity
            }
            switch start[rank] {
            case nil where value(ticket) < 1e-6 && value(dsa) < 1e-6:
                leftOut.append((rank, max(reducedCost(ticket), reducedCost(dsa))))
            case .ticket? where value(ticket) > 1 - 1e-6:
                keep[rank] = true
                conditions.fixed[rank] = .ticket
                held.append((rank, reducedCost(ticket)))
            case .dsa? where value(dsa) > 1 - 1e-6:
                keep[rank] = true
                conditions.fixed[rank] = .dsa
                held.append((rank, reducedCost(dsa)))
            default:
                keep[rank] = true
                free += 1
            }
        }
        // A left-out variable with reduced cost d < 0 costs |d| of the bound to use; a held one
        // with d > 0 costs d to give up. The cheapest of each are freed (ties by rank).
        leftOut.sort { $0.reducedCost != $1.reducedCost ? $0.reducedCost > $1.reducedCost : $0.rank < $1.rank }
        held.sort { $0.reducedCost != $1.reducedCost ? $0.reducedCost < $1.reducedCost : $0.rank < $1.rank }
        for entry in leftOut.prefix(width) {
            keep[entry.rank] = true
            free += 1
        }
        for entry in held.prefix(width) {
            conditions.fixed[entry.rank] = nil
            free += 1
        }
    }
}
