import Foundation
import LinearProgramming

/// One budget of one variant: the published allocation's figures (MODEL.md section 7).
public struct ScenarioPoint: Sendable, Equatable {
    public var variant: String
    public var budget: Money
    public var status: RunStatus
    /// V* at this budget: V of the published allocation, as `allocate` reports it.
    public var value: Double
    public var awards: Int
    public var spent: Money
    public var women: Int
    /// Countries with at least one award.
    public var countries: Int
    /// Awards per region, in `Region.allCases` order (zeros included).
    public var byRegion: [Int]
    /// `V*(budget + 1000) - V*(budget)`; nil when either optimum is not proven (time limit).
    public var nextThousandValue: Double?

    /// Awards per region, every region, in the published order.
    public var awardsByRegion: [(Region, Int)] { Array(zip(Region.allCases, byRegion)) }

    /// Women's share of the awards in percent; nil without awards.
    public var womenPercent: Double? { awards > 0 ? 100 * Double(women) / Double(awards) : nil }
}

/// The saturation budget of one variant: the least budget at which V* is as high as with
/// unlimited money (within the tie tolerance of MODEL.md section 5).
public struct SaturationPoint: Sendable, Equatable {
    public var variant: String
    /// `optimal` when every solve behind the figure was proven optimal; `time_limit` when one
    /// stopped at the time limit: then `budget` is only an upper bound, or nil when unknown.
    public var status: RunStatus
    public var budget: Money?
    /// V with unlimited money (V∞).
    public var value: Double?
}

/// What a sweep found: every point of every variant, and each variant's saturation budget.
public struct ScenarioSweep: Sendable {
    public var meetingID: String
    public var meetingTitle: String
    public var currency: String
    public var variants: [ScenarioVariant]
    public var budgets: [Money]
    /// Variant by variant (in the order given), budgets ascending.
    public var points: [ScenarioPoint]
    /// One per variant, in the order given.
    public var saturation: [SaturationPoint]
    /// Eligible applications (the same for every variant: gates do not depend on the policy).
    public var eligible: Int
    public var applications: Int

    public func points(of variant: String) -> [ScenarioPoint] { points.filter { $0.variant == variant } }
}

/// Where a sweep is, for progress output.
public struct ScenarioProgress: Sendable, Equatable {
    public var stage: String
    public var done: Int
    public var total: Int
}

/// Solves a budget sweep (docs/scenarios.md).
///
/// Every point is `Allocator.allocate` at that budget and policy, exactly as the `allocate`
/// command runs it, so each point's figures equal a separate run. The solver search at a
/// point is not seeded from its neighbours: the tie rule starts from the solver's optimum, and
/// another (equally optimal) starting optimum can lead to another published allocation.
/// Work is reused where the result stays exact: the screening is done once per variant, the
/// value of the next 1,000 is taken from the points and the monotonicity of V* wherever that
/// settles it (and otherwise solved from the best known allocation as incumbent), and the
/// saturation search starts from the unlimited optimum.
public enum ScenarioSimulator {
    /// The step of `next_1000_value`: 1,000 units of the meeting's currency.
    public static let nextStep = Money(cents: 100_000)

    /// A budget that cannot bind: the sum of every candidate's most expensive component, and
    /// one more unit so that the budget row is never tight.
    public static func unlimitedBudget(_ problem: AllocationProblem) -> Money {
        problem.candidates.reduce(Money(cents: 100)) { sum, candidate in
            sum + candidate.componentsByCost.map { candidate.cost($0)! }.max()!
        }
    }

    /// Runs the sweep: `variants` × `budgets`, on `width` threads.
    /// - Parameter shouldStop: asked before each solve; once it answers true no further solve
    ///   starts and the sweep throws `CancellationError` (the service stops the sweep of a
    ///   client that has gone away).
    public static func run(
        inputs: AllocationInputs, variants: [ScenarioVariant], budgets: [Money],
        width: Int? = nil, progress: (@Sendable (ScenarioProgress) -> Void)? = nil,
        shouldStop: (@Sendable () -> Bool)? = nil
    ) throws -> ScenarioSweep {
        let budgets = Array(Set(budgets)).sorted()
        let width = width ?? ParallelWork.defaultWidth
        let screenings = variants.map { variant -> Screening in
            var variantInputs = inputs
            variantInputs.policy = variant.policy
            return Screening(inputs: variantInputs)
        }

        // Phase 1: every point, and V with unlimited money, per variant.
        let pointJobs = variants.indices.flatMap { v in budgets.indices.map { b in (v, b as Int?) } + [(v, nil)] }
        let pointCount = pointJobs.count
        var pointProgress: (@Sendable (Int) -> Void)? = nil
        if let progress {
            pointProgress = { done in progress(ScenarioProgress(stage: "budgets", done: done, total: pointCount)) }
        }
        let solvedPoints: [Solved] = try ParallelWork.map(count: pointCount, width: width, finished: pointProgress) {
            index in
            if shouldStop?() == true { throw CancellationError() }
            let (v, b) = pointJobs[index]
            if let b {
                let result = try context(variants[v].name, budgets[b]) {
                    try Allocator.allocate(screenings[v].withBudget(budgets[b]))
                }
                return Solved(
                    allocation: result.allocation, status: result.status, value: result.value,
                    spent: result.tally.spent)
            }
            let problem = screenings[v].withBudget(unlimitedBudget(screenings[v].problem)).problem
            return try context(variants[v].name, nil) {
                try solveValue(problem, policy: variants[v].policy, incumbent: nil)
            }
        }
        let perVariant = budgets.count + 1
        @Sendable func point(_ v: Int, _ b: Int) -> Solved { solvedPoints[v * perVariant + b] }
        @Sendable func unlimited(_ v: Int) -> Solved { solvedPoints[v * perVariant + budgets.count] }

        // Phase 2: the value of the next 1,000 where the points do not settle it, and the
        // least-cost allocation as good as with unlimited money.
        var nextValues = [[Double?]](repeating: [Double?](repeating: nil, count: budgets.count), count: variants.count)
        enum Job {
            case next(Int, Int, Allocation)
            case saturation(Int)
        }
        enum Outcome {
            case value(Solved)
            case saturation(SaturationPoint)
        }
        var jobs: [Job] = []
        for v in variants.indices {
            for b in budgets.indices where point(v, b).status == .optimal {
                switch settleNext(v, b, budgets: budgets, point: point, unlimited: unlimited(v)) {
                case .settled(let value): nextValues[v][b] = value
                case .unsettled(let incumbent): jobs.append(.next(v, b, incumbent))
                }
            }
            if unlimited(v).status == .optimal { jobs.append(.saturation(v)) }
        }
        let jobList = jobs
        let jobCount = jobList.count
        var jobProgress: (@Sendable (Int) -> Void)? = nil
        if let progress {
            jobProgress = { done in
                progress(ScenarioProgress(stage: "next 1,000 and saturation", done: done, total: jobCount))
            }
        }
        let refined: [Outcome] = try ParallelWork.map(count: jobCount, width: width, finished: jobProgress) { index in
            if shouldStop?() == true { throw CancellationError() }
            switch jobList[index] {
            case .next(let v, let b, let incumbent):
                let budget = budgets[b] + nextStep
                return .value(
                    try context(variants[v].name, budget) {
                        try solveValue(
                            screenings[v].withBudget(budget).problem, policy: variants[v].policy, incumbent: incumbent)
                    })
            case .saturation(let v):
                let problem = screenings[v].withBudget(unlimitedBudget(screenings[v].problem)).problem
                return .saturation(
                    try context(variants[v].name, nil) {
                        try saturationBudget(
                            variants[v].name, problem, policy: variants[v].policy, optimum: unlimited(v))
                    })
            }
        }
        var saturationByVariant: [Int: SaturationPoint] = [:]
        for (job, outcome) in zip(jobList, refined) {
            switch (job, outcome) {
            case (.next(let v, let b, _), .value(let solved)):
                if solved.status == .optimal { nextValues[v][b] = difference(solved.value, point(v, b).value) }
            case (.saturation(let v), .saturation(let entry)):
                saturationByVariant[v] = entry
            default:
                break
            }
        }

        var points: [ScenarioPoint] = []
        for v in variants.indices {
            let problem = screenings[v].problem
            for b in budgets.indices {
                let solved = point(v, b)
                let tally = AllocationProblem.Tally(problem: problem, allocation: solved.allocation)
                points.append(
                    ScenarioPoint(
                        variant: variants[v].name, budget: budgets[b], status: solved.status, value: solved.value,
                        awards: tally.awards, spent: tally.spent, women: tally.women, countries: tally.coveredCountries,
                        byRegion: Region.allCases.map { tally.perRegion[$0] ?? 0 }, nextThousandValue: nextValues[v][b])
                )
            }
        }
        return ScenarioSweep(
            meetingID: inputs.meeting.id, meetingTitle: inputs.meeting.title, currency: inputs.meeting.currency,
            variants: variants, budgets: budgets, points: points,
            saturation: variants.indices.map {
                saturationByVariant[$0]
                    ?? SaturationPoint(variant: variants[$0].name, status: .time_limit, budget: nil, value: nil)
            },
            eligible: screenings.first?.problem.candidates.count ?? 0, applications: inputs.applications.count)
    }

    // MARK: - Pieces

    /// An allocation with its V and cost.
    struct Solved: Sendable {
        var allocation: Allocation
        var status: RunStatus
        var value: Double
        var spent: Money
    }

    /// `later - earlier` for two optima, with floating noise below the tie tolerance read as 0
    /// (V* never decreases with the budget).
    static func difference(_ later: Double, _ earlier: Double) -> Double {
        let difference = later - earlier
        return abs(difference) <= AllocationProblem.tolerance(later) ? 0 : difference
    }

    enum Settlement {
        case settled(Double)
        /// Not settled by what is known; solve from this allocation (feasible at B + 1000).
        case unsettled(Allocation)
    }

    /// Settles `V*(B + 1000) - V*(B)` from what the points already prove, when it can.
    ///
    /// For X = B + 1000: every known allocation costing at most X gives a lower bound on V*(X)
    /// (it is feasible at X), and V* at any larger budget an upper bound (V* never decreases).
    /// When the best lower bound meets the least upper bound, V*(X) is known exactly.
    static func settleNext(
        _ v: Int, _ b: Int, budgets: [Money], point: (Int, Int) -> Solved, unlimited: Solved
    ) -> Settlement {
        let here = point(v, b)
        let target = budgets[b] + nextStep
        var lower = here
        var upper: Double? = unlimited.status == .optimal ? unlimited.value : nil
        for other in budgets.indices {
            let solved = point(v, other)
            if solved.spent <= target && solved.value > lower.value { lower = solved }
            if budgets[other] >= target && solved.status == .optimal {
                if budgets[other] == target { return .settled(difference(solved.value, here.value)) }
                upper = min(upper ?? solved.value, solved.value)
            }
        }
        if unlimited.spent <= target && unlimited.value > lower.value { lower = unlimited }
        if let upper, upper - lower.value <= AllocationProblem.tolerance(upper) {
            return .settled(difference(lower.value, here.value))
        }
        return .unsettled(lower.allocation)
    }

    /// The optimum of `problem` (V only: no tie rule), started from `incumbent`.
    static func solveValue(_ problem: AllocationProblem, policy: Policy, incumbent: Allocation?) throws -> Solved {
        guard let solved = try Allocator.solve(problem, policy: policy, incumbent: incumbent) else {
            throw AllocationError(
                "the solver reported the allocation model infeasible, but awarding nothing is always feasible")
        }
        guard problem.isFeasible(solved.allocation) else {
            throw AllocationError(
                "the solver returned an allocation that breaks the budget or a cap when checked exactly")
        }
        let tally = AllocationProblem.Tally(problem: problem, allocation: solved.allocation)
        return Solved(
            allocation: solved.allocation, status: solved.status, value: problem.value(of: solved.allocation),
            spent: tally.spent)
    }

    /// Runs `body`; an error it throws names the variant and budget (nil: unlimited).
    static func context<T>(_ variant: String, _ budget: Money?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            let at = budget.map { "budget \($0.decimalText)" } ?? "unlimited budget"
            throw AllocationError("variant \(variant), \(at): \(error)")
        }
    }

    /// The saturation budget: the least cost of an allocation whose V is within the tie
    /// tolerance of V∞ (`optimum`, the optimum with unlimited money).
    ///
    /// Solves the MILP of `AllocationModel` with V as a row (V >= V∞ - tolerance) and
    /// `cost - reference` as the objective to minimise, starting from the best allocation known.
    /// GLPK prunes a branch when it cannot beat the incumbent by more than
    /// `1e-7 * (1 + |objective|)`; measuring the cost from a reference near the optimum keeps
    /// that far below a cent, so once a solve finds nothing cheaper than its reference, no
    /// allocation one cent cheaper exists. Costs are read from the allocation in exact cents.
    static func saturationBudget(_ name: String, _ problem: AllocationProblem, policy: Policy, optimum: Solved) throws
        -> SaturationPoint
    {
        let tolerance = AllocationProblem.tolerance(optimum.value)
        var threshold = optimum.value - tolerance
        var best = optimum
        var status = RunStatus.optimal
        var raised = false
        for _ in 0..<50 {
            var built = try AllocationModel(problem: problem)
            _ = try built.model.addConstraint(name: "saturation", built.objective, .atLeast(threshold))
            var objective = built.cost
            objective.add(constant: -best.spent.approximateValue)
            try built.model.setObjective(.minimize, objective)
            var options = Allocator.solverOptions(for: policy)
            options.initialSolution = built.point(for: best.allocation, problem: problem)
            let result = try GLPKSolver.solve(built.model, options: options)
            switch try SearchEnd(result.termination, model: "the least-cost model") {
            case .found(let proven):
                if !proven { status = .time_limit }
            case .limitWithoutSolution, .infeasible:
                // The starting allocation meets the row, so only a time limit (or GLPK
                // doubting the start within its tolerances) leads here: keep the best known.
                return SaturationPoint(variant: name, status: .time_limit, budget: best.spent, value: optimum.value)
            }
            let allocation = built.allocation(from: result.values)
            let value = problem.value(of: allocation)
            let spent = AllocationProblem.Tally(problem: problem, allocation: allocation).spent
            guard problem.isFeasible(allocation), value >= optimum.value - tolerance else {
                // Accepted only within GLPK's row tolerance: ask again with a stricter row once.
                if raised || status != .optimal {
                    return SaturationPoint(variant: name, status: .time_limit, budget: best.spent, value: optimum.value)
                }
                raised = true
                threshold = optimum.value - tolerance / 2
                continue
            }
            if spent >= best.spent || status != .optimal {
                if spent < best.spent {
                    best = Solved(allocation: allocation, status: status, value: value, spent: spent)
                }
                return SaturationPoint(variant: name, status: status, budget: best.spent, value: optimum.value)
            }
            let objectiveValue = spent.approximateValue - best.spent.approximateValue
            best = Solved(allocation: allocation, status: status, value: value, spent: spent)
            if 1e-7 * (1 + abs(objectiveValue)) < 0.004 {
                // Nothing a cent cheaper than this was pruned: proven least.
                return SaturationPoint(variant: name, status: status, budget: best.spent, value: optimum.value)
            }
        }
        throw AllocationError("the saturation budget did not settle after 50 solves")
    }
}

extension Screening {
    /// The same screening with another budget (gates, scores and ranks do not depend on it).
    func withBudget(_ budget: Money) -> Screening {
        var copy = self
        copy.inputs.policy.budget = budget
        copy.problem.budget = budget
        return copy
    }
}
