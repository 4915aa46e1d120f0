/// One application's published decision.
public struct Decision: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case awarded, not_awarded, ineligible
    }

    public var applicant: String
    public var outcome: Outcome
    public var component: Component?
    public var cost: Money?
    public var score: Double?
    /// Gate codes (ineligible) or not-awarded reasons, as published codes.
    public var reasons: [String]
}

extension AllocationResult {
    /// Every application's decision, in input order.
    public var decisions: [Decision] {
        let applications = screening.inputs.applications
        return applications.indices.map { index in
            let application = applications[index]
            guard let rank = screening.rankOfApplication[index] else {
                return Decision(
                    applicant: application.id, outcome: .ineligible, component: nil, cost: nil,
                    score: nil, reasons: screening.gates[index].map(\.rawValue))
            }
            let score = screening.scores[index]!.total
            if let component = allocation[rank] {
                return Decision(
                    applicant: application.id, outcome: .awarded, component: component,
                    cost: problem.candidates[rank].cost(component), score: score, reasons: [])
            }
            return Decision(
                applicant: application.id, outcome: .not_awarded, component: nil, cost: nil,
                score: score, reasons: reasons[rank].map(\.rawValue))
        }
    }

    /// Awards per region, every region listed (zero included) in the published order.
    public var awardsByRegion: [(Region, Int)] {
        let tally = self.tally
        return Region.allCases.map { ($0, tally.perRegion[$0] ?? 0) }
    }

    /// decisions.json of FORMATS.md.
    public func decisionsDocument(runID: String) -> JSONValue {
        let tally = self.tally
        let inputs = screening.inputs
        let decisionValues: [JSONValue] = decisions.map { decision in
            .object([
                ("applicant", .string(decision.applicant)),
                ("outcome", .string(decision.outcome.rawValue)),
                ("component", decision.component.map { .string($0.rawValue) } ?? .null),
                ("cost", decision.cost.map(JSONValue.money) ?? .null),
                ("score", decision.score.map(JSONValue.real) ?? .null),
                ("reasons", .array(decision.reasons.map(JSONValue.string))),
            ])
        }
        return .object([
            ("model_version", .integer(1)),
            ("run_id", .string(runID)),
            ("meeting", .string(inputs.meeting.id)),
            ("status", .string(status.rawValue)),
            ("objective", .object([("value", .real(value)), ("bound", .real(bound)), ("gap", .real(gap))])),
            ("budget", .money(problem.budget)),
            ("spent", .money(tally.spent)),
            (
                "inputs",
                .object([
                    ("meeting_sha256", .string(inputs.hashes.meeting)),
                    ("applications_sha256", .string(inputs.hashes.applications)),
                    ("policy_sha256", .string(inputs.hashes.policy)),
                    ("countries_sha256", .string(inputs.hashes.countries)),
                ])
            ),
            (
                "solver",
                .object([
                    ("name", .string("GLPK")), ("version", .string(solverVersion)),
                    ("seconds", .real((solverSeconds * 1000).rounded() / 1000)),
                ])
            ),
            (
                "summary",
                .object([
                    ("applications", .integer(inputs.applications.count)),
                    ("eligible", .integer(problem.candidates.count)),
                    ("awards", .integer(tally.awards)),
                    ("women", .integer(tally.women)),
                    ("countries", .integer(tally.coveredCountries)),
                    ("by_region", .object(awardsByRegion.map { ($0.0.rawValue, .integer($0.1)) })),
                ])
            ),
            ("decisions", .array(decisionValues)),
        ])
    }
}
