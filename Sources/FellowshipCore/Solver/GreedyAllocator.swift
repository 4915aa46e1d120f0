/// A quick feasible allocation: candidates by score (then rank), each added with its
/// cheapest feasible component when that raises V.
///
/// It is never the answer, only a starting incumbent for the solver and the fallback
/// when the solver stops at its time limit without any solution.
public enum GreedyAllocator {
    public static func allocate(_ problem: AllocationProblem) -> Allocation {
        var allocation = problem.emptyAllocation
        var tally = AllocationProblem.Tally(problem: problem)
        let order = problem.candidates.indices.sorted { a, b in
            let left = problem.candidates[a]
            let right = problem.candidates[b]
            return left.score != right.score ? left.score > right.score : a < b
        }
        for rank in order {
            let candidate = problem.candidates[rank]
            guard let component = tally.cheapestFitting(candidate) else {
                continue
            }
            var trial = tally
            trial.add(candidate, component)
            if trial.value > tally.value {
                tally = trial
                allocation[rank] = component
            }
        }
        return allocation
    }
}
