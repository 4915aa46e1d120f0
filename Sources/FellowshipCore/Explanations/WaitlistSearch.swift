import Foundation
import LinearProgramming

/// The first N places of the waitlist, exactly, without computing every margin (issue #12).
///
/// The waitlist orders the not-awarded eligible applications by margin (MODEL.md section 6),
/// equal margins by rank, those no allocation can fund last (`Explainer.waitlistEntries`).
/// For its first N places only the applications whose margin can be among the N smallest
/// need an exact margin. A lower bound on every margin comes from linear programs the
/// allocation search already uses (`CountModel`):
///
/// - For a number of awards n, the LP relaxation of the model with exactly n awards has an
///   optimum R_n and reduced costs d. By weak duality every allocation with n awards that
///   gives candidate a the component c has V ≤ R_n + min(0, d(a, c)) (the argument of
///   reduced-cost fixing, docs/performance.md). So V*(a awarded) restricted to n awards is at
///   most U_n(a) = max over c of R_n + min(0, d(a, c)).
/// - The plain relaxation with `Σ x = n` is concave in n: scanning n outward from its peak,
///   once it falls below V* − Δ on one side, no count further on that side reaches V* − Δ.
///   Every allocation with such a count has a margin above Δ.
///
/// So margin(a) ≥ lb(a) = min(Δ, V* − max over the scanned n of U_n(a)). Exact margins are
/// computed in increasing order of lb, a batch at a time; with T the N-th smallest exact
/// margin so far (ties by rank), every application with lb(a) > T (plus a safety allowance
/// for floating point) has a margin above T and cannot enter the first N. When T exceeds Δ the
/// scan is widened. The margins computed are the exact ones (`margins` closure), so the
/// places returned are exactly the first N of the full waitlist.
///
/// With `decidesTies` (stored runs, the CLI and the service), the ties come first: in rank
/// order, the candidates whose bound allows a margin of 0 are asked only whether their
/// margin is 0 (`TieQuestion`), a much smaller search than the margin, until N ties are
/// known and every candidate ranked before the N-th of them is decided. A candidate shown
/// not to be a tie cannot then enter the first N (equal margins go by rank).
public enum WaitlistSearch {
    /// The first `limit` entries of the waitlist of `result`, and how many applications the
    /// whole waitlist has.
    ///
    /// - Parameter known: margins already known exactly (stored), by rank.
    /// - Parameter margins: the exact margins of the given ranks (computed, or read and stored).
    public static func top(
        _ limit: Int, result: AllocationResult, base: AllocationModel.Conditions = .init(),
        known: [Int: Double?] = [:], margins: ([Int]) throws -> [MarginResult],
        decidesTies: Bool = false, stop: (@Sendable () -> Bool)? = nil,
        progress: ProgressReporter? = nil
    ) throws -> (entries: [WaitlistEntry], total: Int) {
        let problem = result.problem
        let ranks = problem.candidates.indices.filter { result.allocation[$0] == nil && !base.excluded.contains($0) }
        var exact: [Int: Double?] = known.filter { ranks.contains($0.key) }
        var fundable: [Int] = []
        for rank in ranks where exact[rank] == nil {
            if MarginCalculator.blockersAlone(problem.candidates[rank], in: problem).isEmpty {
                fundable.append(rank)
            } else {
                exact[rank] = .some(nil)
            }
        }
        progress?(RunProgress(.waitlist, done: 0, total: 0))
        if limit < ranks.count && !fundable.isEmpty {
            var bounds = try CountBounds(result: result, base: base)
            let slack = 4 * AllocationProblem.tolerance(result.value) + 1e-7 * max(1, abs(result.value))
            // Start with the counts whose relaxation comes within a point of V*.
            try bounds.widen(to: 1 + slack)
            let waiting = Set(ranks)
            let dominance = ValueDominance(problem: problem, base: base)
            // Not-awarded value-dominators b of a have margin(b) ≤ margin(a) (`ValueDominance`);
            // those ranked earlier come before a in the waitlist whatever the margins, so a
            // candidate with `limit` of them cannot enter the first `limit` places.
            let above = dominance.dominators.map { $0.filter(waiting.contains) }
            var pending = Set(fundable.filter { rank in above[rank].filter { $0 < rank }.count < limit })
            let width = max(2, ProcessInfo.processInfo.activeProcessorCount)
            // Ties first: equal margins go by rank, so when `limit` candidates have margin 0,
            // the first places are the earliest-ranked of them, and every candidate ranked
            // before the last of those only has to be shown not to be a tie, which is much
            // cheaper than its margin (`TieQuestion`).
            var positive: Set<Int> = []
            if decidesTies, let question = bounds.tieQuestion() {
                var zeros = Set(exact.filter { $0.value == .some(0) }.map(\.key))
                let slackBound = bounds.lowerBound
                var candidates = pending.filter { slackBound($0) <= slack }.sorted()[...]
                // Value dominance decides some without a question: a tie's not-awarded
                // value-dominators are ties too (their margins are no larger), and a candidate
                // a non-tie dominates is no tie either.
                func inferred(_ rank: Int) -> Bool? {
                    if above[rank].contains(where: positive.contains) { return false }
                    if zeros.contains(where: { above[$0].contains(rank) }) { return true }
                    return nil
                }
                func record(_ rank: Int, _ answer: Bool?) {
                    switch answer {
                    case true?:
                        exact[rank] = .some(0)
                        zeros.insert(rank)
                        pending.remove(rank)
                    case false?:
                        positive.insert(rank)
                    case nil:
                        break
                    }
                }
                // Enough ties known, and every candidate before the last of the first `limit` decided.
                func done(before rank: Int) -> Bool {
                    zeros.count >= limit && zeros.sorted()[limit - 1] < rank
                }
                while let next = candidates.first, !done(before: next) {
                    var batch: [Int] = []
                    while let rank = candidates.first, batch.count < 2 * width, !done(before: rank) {
                        candidates.removeFirst()
                        if let answer = inferred(rank) { record(rank, answer) } else { batch.append(rank) }
                    }
                    guard !batch.isEmpty else { continue }
                    if stop?() == true { throw CancellationError() }
                    let asked = batch
                    let answers = try ParallelWork.map(count: asked.count) { question.isTie(asked[$0]) }
                    for (rank, answer) in zip(batch, answers) { record(rank, answer) }
                    progress?(RunProgress(.waitlist, done: exact.count + positive.count, total: ranks.count))
                }
            }
            while !pending.isEmpty {
                let threshold = kth(limit, of: exact)
                if let threshold, threshold + slack >= bounds.delta {
                    try bounds.widen(to: threshold + 1 + slack)
                }
                // margin(a) ≥ margin(b) for each not-awarded value-dominator b: its exact margin
                // when known, else its own bound.
                func lowerBound(_ rank: Int) -> Double {
                    above[rank].reduce(bounds.lowerBound(rank)) { bound, b in
                        max(bound, exact[b].map { $0 ?? -.infinity } ?? bounds.lowerBound(b))
                    }
                }
                // When the first `limit` known margins are all 0 (ties), a later-ranked
                // candidate cannot come before the last of them: its margin is at least 0 and
                // equal margins go by rank.
                let lastTie = threshold == 0 ? kthEntry(limit, of: exact)?.rank : nil
                let order = pending.map { (rank: $0, bound: lowerBound($0)) }
                    .sorted { $0.bound != $1.bound ? $0.bound < $1.bound : $0.rank < $1.rank }
                let open = order.filter {
                    guard let threshold else { return true }
                    if let lastTie, $0.rank > lastTie { return false }
                    // Shown not to be a tie, while `limit` ties are known: it comes after them.
                    if threshold == 0 && positive.contains($0.rank) { return false }
                    return $0.bound <= threshold + slack
                }
                if open.isEmpty { break }
                let batch = open.prefix(threshold == nil ? max(limit, width) : width).map(\.rank)
                for margin in try margins(batch) {
                    exact[margin.rank] = .some(margin.margin.value)
                    pending.remove(margin.rank)
                }
                progress?(RunProgress(.waitlist, done: exact.count, total: ranks.count))
            }
        } else {
            for margin in try margins(fundable) { exact[margin.rank] = .some(margin.margin.value) }
        }
        let sorted = exact.map { (rank: $0.key, margin: $0.value) }.sorted(by: precedes)
        let entries = sorted.prefix(limit).enumerated().map { position, entry in
            WaitlistEntry(
                position: position + 1, applicant: problem.candidates[entry.rank].id, margin: entry.margin,
                score: problem.candidates[entry.rank].score, rank: entry.rank,
                reasons: result.reasons[entry.rank].map(\.rawValue))
        }
        return (Array(entries), ranks.count)
    }

    /// The waitlist order: smaller margin first, then earlier rank; null margins last.
    static func precedes(_ left: (rank: Int, margin: Double?), _ right: (rank: Int, margin: Double?)) -> Bool {
        switch (left.margin, right.margin) {
        case (let l?, let r?) where l != r: return l < r
        case (.some, nil): return true
        case (nil, .some): return false
        default: return left.rank < right.rank
        }
    }

    /// The `k`-th entry in waitlist order among the non-null exact margins, or nil when fewer
    /// than k are known.
    static func kthEntry(_ k: Int, of exact: [Int: Double?]) -> (rank: Int, margin: Double)? {
        let entries = exact.compactMap { entry in entry.value.map { (rank: entry.key, margin: $0) } }
            .sorted { precedes(($0.rank, $0.margin), ($1.rank, $1.margin)) }
        return entries.count >= k ? entries[k - 1] : nil
    }

    /// The `k`-th smallest non-null exact margin, or nil when fewer than k are known.
    static func kth(_ k: Int, of exact: [Int: Double?]) -> Double? {
        let values = exact.values.compactMap { $0 }.sorted()
        return values.count >= k ? values[k - 1] : nil
    }

    /// The LP bounds by number of awards, widened on demand.
    struct CountBounds {
        let result: AllocationResult
        /// The run's own conditions (a reallocation's kept and declined applications).
        let base: AllocationModel.Conditions
        let template: CountModel.Template
        let options: SolverOptions
        let required: Int
        let maximum: Int
        let peak: Int
        /// Every count not scanned yet has a plain relaxation below V* − delta.
        private(set) var delta: Double = 0
        /// The next count to scan on each side (nil when that side is finished).
        private var next: [Int?]
        /// max over the scanned counts of U_n(a), by rank.
        private var best: [Double]
        /// Each count scanned, with its relaxation's optimum and reduced costs when usable.
        private var scanned: [(awards: Int, relaxation: SolveResult?)] = []

        /// The tie question over the counts scanned (`TieQuestion`); nil when V has no lattice
        /// step to tell ties apart safely, or the run is not proven optimal.
        func tieQuestion() -> TieQuestion? {
            let tolerance = AllocationProblem.tolerance(result.value)
            guard result.status == .optimal, let step = ValueLattice(result.problem)?.step, step >= 4 * tolerance
            else { return nil }
            return TieQuestion(
                problem: result.problem, published: result.allocation, optimum: result.value, base: base,
                template: template, counts: scanned.sorted { $0.awards < $1.awards },
                options: options, step: step)
        }

        init(result: AllocationResult, base: AllocationModel.Conditions) throws {
            self.result = result
            self.base = base
            let problem = result.problem
            template = try CountModel.Template(problem: problem, conditions: base)
            var options = Allocator.solverOptions(for: result.screening.inputs.policy)
            options.timeLimitSeconds = max(1, options.timeLimitSeconds ?? 60)
            self.options = options
            required = max(1, base.awarded.union(base.fixed.keys).count)
            maximum = CountModel.maximumAwards(problem)
            let plain = try GLPKSolver.solve(template.relaxed, options: options)
            var peak = result.allocation.compactMap { $0 }.count
            if plain.termination == .optimal {
                let awards = template.all.terms.reduce(0.0) { $0 + plain.values[$1.variable.index] }
                peak = Int(awards.rounded(.down))
            }
            self.peak = min(maximum, max(required, peak))
            next = [self.peak, self.peak + 1]
            best = Array(repeating: -.infinity, count: problem.candidates.count)
        }

        /// A lower bound on the margin of `rank`.
        func lowerBound(_ rank: Int) -> Double {
            min(delta, result.value - best[rank])
        }

        /// Scans counts until every count left has a plain relaxation below V* − `delta`.
        mutating func widen(to delta: Double) throws {
            guard delta > self.delta else { return }
            self.delta = delta
            let floor = result.value - delta
            for side in 0..<2 {
                while let n = next[side], isCount(n) {
                    let plain = try GLPKSolver.solve(try template.plainRelaxation(awards: n), options: options)
                    if plain.termination == .infeasible {
                        next[side] = n + (side == 0 ? -1 : 1)
                        continue
                    }
                    if plain.termination == .optimal, let value = plain.objectiveValue, value < floor {
                        // Concavity: every count further on this side is below the floor too.
                        break
                    }
                    try scan(n, plainBound: plain.termination == .optimal ? plain.objectiveValue : nil)
                    next[side] = n + (side == 0 ? -1 : 1)
                }
                if let n = next[side], !isCount(n) { next[side] = nil }
            }
        }

        /// Whether an allocation under the conditions can have `n` awards.
        private func isCount(_ n: Int) -> Bool { required <= n && n <= maximum }

        /// Folds the bounds U_n(a) of count `n` into `best`.
        private mutating func scan(_ n: Int, plainBound: Double?) throws {
            let relaxed = try GLPKSolver.solve(try template.relaxation(awards: n), options: options)
            let problem = result.problem
            switch relaxed.termination {
            case .infeasible:
                return
            case .optimal where relaxed.reducedCosts.count == template.built.model.variableCount:
                let bound = relaxed.objectiveValue ?? .infinity
                scanned.append((n, relaxed))
                for candidate in problem.candidates {
                    let variables = [
                        template.built.ticketVariables[candidate.rank], template.built.dsaVariables[candidate.rank],
                    ]
                    for variable in variables {
                        guard let variable else { continue }
                        best[candidate.rank] = max(
                            best[candidate.rank], bound + min(0, relaxed.reducedCosts[variable.index]))
                    }
                }
            default:
                scanned.append((n, nil))
                // No usable LP: the plain relaxation (or nothing) bounds every candidate.
                let bound = plainBound ?? .infinity
                for rank in best.indices { best[rank] = max(best[rank], bound) }
            }
        }
    }
}
