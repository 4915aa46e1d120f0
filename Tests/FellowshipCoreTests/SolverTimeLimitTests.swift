import Testing
@testable import FellowshipCore

/// The count-by-count search under the policy's time limit: a run that stops early still
/// publishes a feasible allocation, says `time_limit`, and never claims a bound below it.
@Suite("Solver time limit")
struct SolverTimeLimitTests {
    @Test("a 1 ms limit stops the search with a feasible allocation and an honest bound")
    func tinyLimit() throws {
        var policy = Policy()
        policy.solver.timeLimitSeconds = 0.001
        var stopped = 0
        for seed in UInt64(1)...12 {
            let problem = RandomProblems.make(seed: seed &+ 90_000, maxCandidates: 70)
            let solved = try #require(try Allocator.solve(problem, policy: policy))
            let value = problem.value(of: solved.allocation)
            #expect(problem.isFeasible(solved.allocation), "seed \(seed)")
            #expect(solved.bound >= value - AllocationProblem.tolerance(value), "seed \(seed)")
            switch solved.status {
            case .time_limit:
                stopped += 1
            case .optimal:
                // Finished within the millisecond: then it is the optimum of the plain model.
                var unlimited = Policy()
                unlimited.solver.timeLimitSeconds = 60
                let plain = try #require(try Allocator.solveModel(problem, policy: unlimited, conditions: .init(), incumbent: nil))
                #expect(abs(problem.value(of: plain.allocation) - value) <= AllocationProblem.tolerance(value), "seed \(seed)")
            }
        }
        #expect(stopped >= 1, "no instance reached the limit, so the limit path went untested")
    }
}
