/// What a letter says about one application, gathered from a stored run without solving
/// anything: the outcome and component, the score, the margin recorded in the run, the
/// constraints in the way and the gates failed. Other applications are never part of it.
struct LetterFacts: Sendable {
    var applicant: String
    var kind: DecisionLetter.Kind
    var component: Component?
    var cost: Money?
    var score: Score?
    /// The margin recorded in the run (not awarded only); nil when no allocation can fund it.
    var margin: Double?
    var gates: [Gate]
    var reasons: [NotAwardedReason]
    /// Not awarded: the constraints that adding it to the published allocation would break.
    var constraints: [AllocationProblem.Constraint]
    /// Not awarded with no margin: why no allocation can fund it.
    var impossible: [AllocationProblem.Constraint]
    var cheapestCost: Money?
    var budget: Money
    var remaining: Money
    var countryCap: Int
    var maxDSAPerCountry: Int

    /// The facts of every application of `run`, in file order.
    static func all(_ run: StoredRun) -> [LetterFacts] {
        let result = run.result
        return result.screening.inputs.applications.indices.map { facts(run, index: $0) }
    }

    static func facts(_ run: StoredRun, index: Int) -> LetterFacts {
        let result = run.result
        let screening = result.screening
        let problem = result.problem
        let application = screening.inputs.applications[index]
        // The explanation's own reading of the published allocation (constraints, reasons),
        // without a margin: the margin the run recorded is used instead of solving again.
        let explanation = Explainer.build(applicationIndex: index, result: result, margin: nil, language: .en)
        var facts = LetterFacts(
            applicant: application.id, kind: .ineligible, component: explanation.component, cost: explanation.cost,
            score: explanation.score, margin: nil, gates: explanation.gates, reasons: [],
            constraints: explanation.constraints.compactMap(AllocationProblem.Constraint.init(rawValue:)),
            impossible: [], cheapestCost: explanation.context.cheapestCost, budget: problem.budget,
            remaining: explanation.context.remaining, countryCap: problem.countryCap,
            maxDSAPerCountry: problem.maxDSAPerCountry)
        switch explanation.outcome {
        case .ineligible: facts.kind = .ineligible
        case .awarded: facts.kind = .awarded
        case .not_awarded:
            facts.kind = run.declined.contains(application.id) ? .declined : .notAwarded
            if let rank = screening.rankOfApplication[index] {
                facts.reasons = result.reasons[rank]
                facts.margin = rank < run.margins.count ? run.margins[rank] : nil
                if facts.margin == nil && facts.kind == .notAwarded {
                    facts.impossible = MarginCalculator.blockersAlone(problem.candidates[rank], in: problem)
                }
            }
        }
        return facts
    }
}
