import Foundation

/// An application id that is not in the run.
public struct UnknownApplicantError: Error, Sendable, CustomStringConvertible {
    public var applicant: String
    public var description: String { "no application \"\(applicant)\" in the applications of this run" }
}

/// One line of the waitlist: a not-awarded eligible application and how far it was from a
/// fellowship.
public struct WaitlistEntry: Sendable {
    /// 1-based position on the waitlist.
    public var position: Int
    public var applicant: String
    /// The margin of MODEL.md section 6 (0: a tie; nil: no feasible allocation funds it).
    public var margin: Double?
    public var score: Double
    /// The application's rank (submission order) among eligible applications.
    public var rank: Int
    /// Not-awarded reason codes of the published decision.
    public var reasons: [String]
}

/// Explains decisions: MODEL.md section 6 margins, the constraints in the way, and a paragraph
/// in one of the template languages.
public enum Explainer {
    /// Explains the application at `applicationIndex` (its position in the applications file).
    ///
    /// - Parameter base: conditions the run was optimised under (see `MarginCalculator`).
    public static func explain(
        applicationIndex: Int, in result: AllocationResult, language: Language,
        base: AllocationModel.Conditions = .init()
    ) throws -> Explanation {
        // Through its clone class, so that the margin is the one `explainAll` gives.
        let margin = try result.screening.rankOfApplication[applicationIndex].map {
            try MarginWork(result: result, base: base).margins(of: [$0])[0]
        }
        return build(applicationIndex: applicationIndex, result: result, margin: margin, language: language)
    }

    /// Explains the application with id `applicant` (the last one with that id, should ids repeat).
    public static func explain(
        applicant: String, in result: AllocationResult, language: Language, base: AllocationModel.Conditions = .init()
    ) throws -> Explanation {
        try explain(applicationIndex: try index(of: applicant, in: result), in: result, language: language, base: base)
    }

    /// The position of the application with id `applicant`; throws `UnknownApplicantError`.
    public static func index(of applicant: String, in result: AllocationResult) throws -> Int {
        guard let index = result.screening.inputs.applications.lastIndex(where: { $0.id == applicant }) else {
            throw UnknownApplicantError(applicant: applicant)
        }
        return index
    }

    /// Explains every application, in input order. The margins (one conditioned solve per
    /// eligible application at most) run in parallel on the available cores; the result does
    /// not depend on the scheduling. `progress(done, total)` is called after each margin.
    public static func explainAll(
        _ result: AllocationResult, language: Language, base: AllocationModel.Conditions = .init(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> [Explanation] {
        let margins = try margins(
            of: Array(result.problem.candidates.indices), result: result, base: base, progress: progress)
        var byRank: [Int: MarginResult] = [:]
        for margin in margins { byRank[margin.rank] = margin }
        return result.screening.inputs.applications.indices.map { index in
            build(
                applicationIndex: index, result: result,
                margin: result.screening.rankOfApplication[index].flatMap { byRank[$0] }, language: language)
        }
    }

    /// The margins of the candidates `ranks`, in the order given: one margin per clone class
    /// computed in parallel, its clones read from it (`MarginWork`). `progress` counts the
    /// margins computed.
    public static func margins(
        of ranks: [Int], result: AllocationResult, base: AllocationModel.Conditions = .init(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> [MarginResult] {
        try MarginWork(result: result, base: base).margins(of: ranks, progress: progress)
    }

    /// The waitlist: not-awarded eligible applications, smallest margin first; equal margins
    /// in rank order (submission order); applications no allocation can fund last.
    public static func waitlist(_ result: AllocationResult) throws -> [(
        applicant: String, margin: Double?, score: Double
    )] {
        try waitlistEntries(result).map { ($0.applicant, $0.margin, $0.score) }
    }

    /// The waitlist with positions, ranks and reasons.
    public static func waitlistEntries(
        _ result: AllocationResult, base: AllocationModel.Conditions = .init(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> [WaitlistEntry] {
        let problem = result.problem
        let ranks = problem.candidates.indices.filter {
            result.allocation[$0] == nil && !base.excluded.contains($0)
        }
        let margins = try margins(of: ranks, result: result, base: base, progress: progress)
        let sorted = margins.sorted { left, right in
            switch (left.margin.value, right.margin.value) {
            case (let l?, let r?) where l != r: return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return left.rank < right.rank
            }
        }
        return sorted.enumerated().map { position, margin in
            let candidate = problem.candidates[margin.rank]
            return WaitlistEntry(
                position: position + 1, applicant: candidate.id, margin: margin.margin.value, score: candidate.score,
                rank: margin.rank, reasons: result.reasons[margin.rank].map(\.rawValue))
        }
    }

    /// The explanation of one application from its (already computed) margin.
    public static func build(
        applicationIndex index: Int, result: AllocationResult, margin: MarginResult?, language: Language
    ) -> Explanation {
        let screening = result.screening
        let inputs = screening.inputs
        let application = inputs.applications[index]
        let problem = result.problem
        let tally = result.tally
        let remaining = problem.budget > tally.spent ? problem.budget - tally.spent : .zero
        var explanation = Explanation(
            applicant: application.id, outcome: .ineligible, component: nil, cost: nil, score: nil,
            gates: screening.gates[index], reasons: screening.gates[index].map(\.rawValue), margin: nil,
            marginDetail: nil, wouldDisplace: [], alternativeAdds: [], constraints: [], extraBudgetNeeded: nil,
            text: "", language: language,
            context: .init(
                currency: inputs.meeting.currency, budget: problem.budget, remaining: remaining,
                countryCap: problem.countryCap, maxDSAPerCountry: problem.maxDSAPerCountry, cheapestCost: nil,
                impossible: [], tieSettledBySubmission: false))
        if let rank = screening.rankOfApplication[index] {
            let candidate = problem.candidates[rank]
            explanation.score = screening.scores[index]
            explanation.reasons = result.reasons[rank].map(\.rawValue)
            explanation.context.cheapestCost = candidate.cheapestCost
            explanation.marginDetail = margin?.margin
            explanation.margin = margin?.margin.value
            let published = result.allocation
            let alternative = margin?.alternative
            func ids(_ ranks: [Int]) -> [String] { ranks.map { problem.candidates[$0].id } }
            if let component = published[rank] {
                explanation.outcome = .awarded
                explanation.component = component
                explanation.cost = candidate.cost(component)
                if let alternative {
                    let instead = published.indices.filter {
                        published[$0] == nil && alternative[$0] != nil && $0 != rank
                    }
                    explanation.alternativeAdds = ids(instead)
                    explanation.context.tieSettledBySubmission = !instead.isEmpty && instead.allSatisfy { $0 > rank }
                }
            } else {
                explanation.outcome = .not_awarded
                if let alternative {
                    let displaced = published.indices.filter { published[$0] != nil && alternative[$0] == nil }
                    let added = published.indices.filter {
                        published[$0] == nil && alternative[$0] != nil && $0 != rank
                    }
                    explanation.wouldDisplace = ids(displaced)
                    explanation.alternativeAdds = ids(added)
                    explanation.context.tieSettledBySubmission =
                        !displaced.isEmpty && displaced.allSatisfy { $0 < rank }
                }
                let blockers = candidate.componentsByCost.map { tally.blockers(candidate, $0) }
                if !blockers.contains(where: \.isEmpty) {
                    let union = Set(blockers.joined())
                    explanation.constraints = AllocationProblem.Constraint.allCases.filter(union.contains).map(
                        \.rawValue)
                }
                // Components no per-country cap blocks: money alone decides them.
                let capFree = candidate.componentsByCost.filter { component in
                    !tally.blockers(candidate, component).contains { $0 != .budget }
                }
                explanation.extraBudgetNeeded = capFree.map { component -> Money in
                    let needed = tally.spent + candidate.cost(component)! - problem.budget
                    return needed > .zero ? needed : .zero
                }.min()
                if margin != nil && explanation.margin == nil {
                    explanation.context.impossible = MarginCalculator.blockersAlone(candidate, in: problem)
                }
            }
        }
        explanation.text = ExplanationText.paragraph(explanation, language.pack)
        return explanation
    }
}
