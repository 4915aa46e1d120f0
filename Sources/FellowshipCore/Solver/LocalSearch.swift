/// Cheap searches for good allocations under one extra condition on one candidate ("a is
/// awarded" or "a is not awarded"), used to settle margins without the solver when they can
/// be (ties) and otherwise as the solver's starting incumbent.
///
/// Nothing here is trusted for correctness: every allocation is checked with
/// `AllocationProblem.isFeasible` and valued with `AllocationProblem.value(of:)`, and a
/// margin is only ever read off a heuristic allocation when it proves the margin is 0
/// (V*(condition) ≤ V* always holds, so reaching V* within the tolerance settles it).
enum LocalSearch {
    /// The best allocation found that awards `rank` (starting from `start`, which does
    /// not), or nil when none was found.
    static func bestAwarding(_ rank: Int, from start: Allocation, problem: AllocationProblem) -> Allocation? {
        let candidate = problem.candidates[rank]
        var best: (allocation: Allocation, value: Double)?
        for component in candidate.componentsByCost {
            var allocation = start
            allocation[rank] = component
            guard var repaired = repair(allocation, keeping: rank, problem: problem) else { continue }
            improve(&repaired, frozen: rank, problem: problem)
            let value = problem.value(of: repaired)
            if best == nil || value > best!.value { best = (repaired, value) }
        }
        return best?.allocation
    }

    /// The best allocation found that does not award `rank` (starting from `start`, which does).
    static func bestWithout(_ rank: Int, from start: Allocation, problem: AllocationProblem) -> Allocation {
        var allocation = start
        allocation[rank] = nil
        improve(&allocation, frozen: rank, problem: problem)
        return allocation
    }

    /// How far `tally` is from feasibility: budget excess in units of `scale`, plus cap excesses.
    static func violation(_ tally: AllocationProblem.Tally, scale: Money) -> Double {
        let problem = tally.problem
        var total = 0.0
        for constraint in AllocationProblem.Constraint.allCases {
            switch constraint {
            case .budget:
                if tally.spent > problem.budget {
                    total += Double((tally.spent - problem.budget).cents) / Double(max(1, scale.cents))
                }
            case .countryCap:
                for count in tally.perCountry where count > problem.countryCap {
                    total += Double(count - problem.countryCap)
                }
            case .dsaRule:
                for count in tally.dsaPerCountry where count > problem.maxDSAPerCountry {
                    total += Double(count - problem.maxDSAPerCountry)
                }
            }
        }
        return total
    }

    /// Makes `allocation` feasible by withdrawing awards or switching components of others
    /// than `kept`: at each step the change that reaches feasibility with the highest V, or
    /// failing that the one that loses the least V per unit of violation removed.
    static func repair(_ start: Allocation, keeping kept: Int, problem: AllocationProblem) -> Allocation? {
        var allocation = start
        let scale = problem.candidates[kept].cheapestCost
        for _ in 0..<problem.candidates.count {
            let tally = AllocationProblem.Tally(problem: problem, allocation: allocation)
            if tally.isFeasible { return allocation }
            let current = tally.value
            let currentViolation = violation(tally, scale: scale)
            var bestFeasible: (change: (Int, Component?), value: Double)?
            var bestStep: (change: (Int, Component?), ratio: Double)?
            for other in allocation.indices {
                guard let held = allocation[other] else { continue }
                let candidate = problem.candidates[other]
                var changes: [Component?] = other == kept ? [] : [nil]
                for component in candidate.componentsByCost where component != held { changes.append(component) }
                for change in changes {
                    var trial = tally
                    trial.remove(candidate, held)
                    if let change { trial.add(candidate, change) }
                    let value = trial.value
                    let left = violation(trial, scale: scale)
                    if left == 0 {
                        if bestFeasible == nil || value > bestFeasible!.value {
                            bestFeasible = ((other, change), value)
                        }
                    } else if left < currentViolation {
                        let ratio = max(0, current - value) / (currentViolation - left)
                        if bestStep == nil || ratio < bestStep!.ratio { bestStep = ((other, change), ratio) }
                    }
                }
            }
            if let bestFeasible {
                allocation[bestFeasible.change.0] = bestFeasible.change.1
                return allocation
            }
            guard let bestStep else { return nil }
            allocation[bestStep.change.0] = bestStep.change.1
        }
        return problem.isFeasible(allocation) ? allocation : nil
    }

    /// The not-awarded candidate (other than `frozen`) whose award, with its cheapest component
    /// that fits `tally`, raises V the most above `floor`; the earliest-ranked among equals.
    /// Used for the greedy additions and, with one award withdrawn from the tally, for the
    /// exchanges of `improve`.
    ///
    /// With `withdrawal`, the question is asked of `tally` with that award taken away (without
    /// copying the tally: `Tally.value(adding:without:)`).
    static func bestAddition(
        to tally: AllocationProblem.Tally, without withdrawal: AllocationProblem.Tally.Withdrawal? = nil,
        of allocation: Allocation, frozen: Int, above floor: Double, problem: AllocationProblem
    ) -> (rank: Int, component: Component, value: Double)? {
        var best: (rank: Int, component: Component, value: Double)?
        for other in allocation.indices where allocation[other] == nil && other != frozen {
            let candidate = problem.candidates[other]
            guard let component = tally.cheapestFitting(candidate, without: withdrawal) else { continue }
            let gained = tally.value(adding: candidate, without: withdrawal)
            if gained > floor && (best == nil || gained > best!.value) { best = (other, component, gained) }
        }
        return best
    }

    /// Local improvement that never changes `frozen`'s status (awarded or not): greedy
    /// additions, then single exchanges (one award withdrawn, another given), until neither
    /// raises V. Components are each candidate's cheapest feasible one.
    static func improve(_ allocation: inout Allocation, frozen: Int, problem: AllocationProblem) {
        let epsilon = 1e-9
        // A bounded number of rounds: this only supplies a starting point, and each round
        // costs O(awarded × not awarded) on large instances.
        for _ in 0..<24 {
            var tally = AllocationProblem.Tally(problem: problem, allocation: allocation)
            var value = tally.value
            var added = false
            // Greedy additions, best gain first.
            while true {
                guard
                    let best = bestAddition(
                        to: tally, of: allocation, frozen: frozen, above: value + epsilon, problem: problem)
                else { break }
                allocation[best.rank] = best.component
                tally.add(problem.candidates[best.rank], best.component)
                value = tally.value
                added = true
            }
            // The best single exchange.
            var bestSwap: (out: Int, in: Int, component: Component, value: Double)?
            for out in allocation.indices where out != frozen {
                guard let held = allocation[out] else { continue }
                if let best = bestAddition(
                    to: tally, without: (problem.candidates[out], held), of: allocation, frozen: frozen,
                    above: value + epsilon, problem: problem),
                    bestSwap == nil || best.value > bestSwap!.value
                {
                    bestSwap = (out, best.rank, best.component, best.value)
                }
            }
            if let bestSwap {
                allocation[bestSwap.out] = nil
                allocation[bestSwap.in] = bestSwap.component
                continue
            }
            if !added { return }
        }
    }
}
