/// Why one application got its outcome: gates, score, margin, who funding it would displace,
/// what stands in the way, and a paragraph in one language (docs/explanations.md).
///
/// Only ids are ever written, never the applicant's name or gender.
public struct Explanation: Sendable {
    public var applicant: String
    public var outcome: Decision.Outcome
    /// The component awarded (awarded applications only) and its cost.
    public var component: Component?
    public var cost: Money?
    /// The score term by term (nil for ineligible applications, which are not scored).
    public var score: Score?
    /// Every gate failed, in the published order (ineligible applications only).
    public var gates: [Gate]
    /// The published reasons: gate codes (ineligible) or not-awarded reason codes.
    public var reasons: [String]
    /// The margin of MODEL.md section 6 (0 for a tie; nil when ineligible or when no
    /// feasible allocation awards the application).
    public var margin: Double?
    /// The two optima the margin comes from (nil for ineligible applications).
    public var marginDetail: Margin?
    /// Not awarded: applications funded in the published allocation but not in the best
    /// allocation that funds this one, in rank order (submission order).
    public var wouldDisplace: [String]
    /// Applications funded in that best alternative allocation that the published one does
    /// not fund (other than this one), in rank order. For an awarded application: those the
    /// best allocation without it would fund instead.
    public var alternativeAdds: [String]
    /// Not awarded: the constraints that adding it to the published allocation, without
    /// removing anyone, would break with every allowed component (`budget`, `country_cap`,
    /// `dsa_rule`); empty when it could have been added (it was outscored).
    public var constraints: [String]
    /// Not awarded: how much more budget would let it be added to the published allocation
    /// (without removing anyone) with some allowed component that no cap blocks; 0 when the
    /// money is there; nil when every allowed component is blocked by a per-country cap
    /// whatever the budget, and for awarded and ineligible applications.
    public var extraBudgetNeeded: Money?
    /// The plain-language paragraph.
    public var text: String
    public var language: Language
    /// Facts the paragraph is written from, so it can be written in another language
    /// without solving again.
    public var context: Context

    /// What the paragraph needs besides the fields above.
    public struct Context: Sendable {
        public var currency: String
        public var budget: Money
        /// Budget left unspent by the published allocation.
        public var remaining: Money
        public var countryCap: Int
        public var maxDSAPerCountry: Int
        /// The cheapest allowed component's cost (eligible applications).
        public var cheapestCost: Money?
        /// Why no allocation can award the application (when `margin` is nil for an eligible one).
        public var impossible: [AllocationProblem.Constraint]
        /// A tie settled by submission order: the applications this one tied with all
        /// applied later (awarded) or earlier (not awarded) than it.
        public var tieSettledBySubmission: Bool
        /// Set in the applicant's own view: how many applications the paragraph counts
        /// instead of naming them (those withdrawn, and those funded besides or instead).
        public var withheld: Withheld? = nil
    }

    /// The other applications an explanation refers to, counted but not named.
    public struct Withheld: Sendable, Equatable {
        public var displaced: Int
        public var added: Int
    }

    /// What the applicant itself may see: the same facts and paragraph, but no other
    /// application is named (docs/explanations.md, "What an applicant sees"). The lists of
    /// other applications are emptied and the paragraph counts them instead.
    public func forApplicant() -> Explanation {
        guard context.withheld == nil else { return self }
        var copy = self
        copy.context.withheld = Withheld(displaced: wouldDisplace.count, added: alternativeAdds.count)
        copy.wouldDisplace = []
        copy.alternativeAdds = []
        copy.text = ExplanationText.paragraph(copy, language.pack)
        return copy
    }

    /// The same explanation with its paragraph written in `language`.
    public func translated(to language: Language) -> Explanation {
        var copy = self
        copy.language = language
        copy.text = ExplanationText.paragraph(self, language.pack)
        return copy
    }
}

extension Explanation {
    /// The explanation as JSON: the members of FORMATS.md "explanation (JSON)" in its order
    /// (`applicant`, `outcome`, `score`, `gates`, `margin`, `would_displace`,
    /// `extra_budget_needed`, `text`), then `language`, `reasons`, `constraints`,
    /// `component`, `cost`, `tie`, `margin_exact`, `optimum`, `alternative_optimum`,
    /// `alternative_adds`.
    public var json: JSONValue {
        var scoreValue = JSONValue.null
        if let score {
            let terms: [JSONValue] = score.terms.map { term in
                JSONValue.object([("term", JSONValue.string(term.term)), ("points", JSONValue.real(term.points))])
            }
            scoreValue = .object([("total", .real(score.total)), ("terms", .array(terms))])
        }
        let gateValues: [JSONValue] = gates.map { JSONValue.string($0.rawValue) }
        let marginValue: JSONValue = margin.map { JSONValue.real($0) } ?? .null
        let extraValue: JSONValue = extraBudgetNeeded.map { JSONValue.money($0) } ?? .null
        let componentValue: JSONValue = component.map { JSONValue.string($0.rawValue) } ?? .null
        let costValue: JSONValue = cost.map { JSONValue.money($0) } ?? .null
        var tie = JSONValue.null
        var exact = JSONValue.null
        var optimum = JSONValue.null
        var alternative = JSONValue.null
        if let detail = marginDetail {
            tie = .bool(margin == 0)
            exact = .bool(detail.isExact)
            optimum = .real(detail.optimum)
            if let value = detail.alternativeOptimum { alternative = .real(value) }
        }
        var members: [(String, JSONValue)] = []
        members.append(("applicant", .string(applicant)))
        members.append(("outcome", .string(outcome.rawValue)))
        members.append(("score", scoreValue))
        members.append(("gates", .array(gateValues)))
        members.append(("margin", marginValue))
        members.append(("would_displace", .array(wouldDisplace.map { JSONValue.string($0) })))
        members.append(("extra_budget_needed", extraValue))
        members.append(("text", .string(text)))
        members.append(("language", .string(language.rawValue)))
        members.append(("reasons", .array(reasons.map { JSONValue.string($0) })))
        members.append(("constraints", .array(constraints.map { JSONValue.string($0) })))
        members.append(("component", componentValue))
        members.append(("cost", costValue))
        members.append(("tie", tie))
        members.append(("margin_exact", exact))
        members.append(("optimum", optimum))
        members.append(("alternative_optimum", alternative))
        members.append(("alternative_adds", .array(alternativeAdds.map { JSONValue.string($0) })))
        if let withheld = context.withheld {
            // The applicant's own view: the lists above are empty; how many they held.
            members.append(
                (
                    "withheld",
                    .object([
                        ("would_displace", .integer(withheld.displaced)),
                        ("alternative_adds", .integer(withheld.added)),
                    ])
                ))
        }
        return .object(members)
    }

    /// A short report in the explanation's language: the facts as labelled lines, then the
    /// paragraph (what `fellowship explain --format text` prints).
    public var report: String {
        let pack = language.pack
        let none = pack.label("value.none")
        let notApplicable = pack.label("value.not_applicable")
        var lines: [(String, String)] = [
            (pack.label("field.applicant"), applicant),
            (pack.label("field.outcome"), pack.label("outcome.\(outcome.rawValue)")),
        ]
        if let score {
            let terms = pack.enumeration(score.terms.map { ExplanationText.term($0, pack) })
            lines.append(
                (pack.label("field.score"), pack.label("parenthetical", ["0": pack.number(score.total), "1": terms])))
        }
        if outcome == .ineligible {
            lines.append((pack.label("field.gates"), pack.enumeration(gates.map { pack.label("gate.\($0.rawValue)") })))
        } else {
            let marginText = margin.map { $0 == 0 ? pack.label("value.tie") : pack.number($0) } ?? notApplicable
            lines.append((pack.label("field.margin"), marginText))
        }
        if outcome == .not_awarded {
            lines.append(
                (
                    pack.label("field.reasons"),
                    reasons.isEmpty ? none : pack.enumeration(reasons.map { pack.label("reason.\($0)") })
                ))
            lines.append(
                (pack.label("field.would_displace"), wouldDisplace.isEmpty ? none : pack.enumeration(wouldDisplace)))
            lines.append(
                (
                    pack.label("field.constraints"),
                    constraints.isEmpty ? none : pack.enumeration(constraints.map { pack.label("constraint.\($0)") })
                ))
            lines.append(
                (
                    pack.label("field.extra_budget_needed"),
                    extraBudgetNeeded.map { pack.money($0, currency: context.currency) } ?? notApplicable
                ))
        }
        let width = lines.map { ExplanationText.displayWidth($0.0) }.max() ?? 0
        var output = ""
        for (label, value) in lines {
            output +=
                label + String(repeating: " ", count: width - ExplanationText.displayWidth(label)) + "  " + value + "\n"
        }
        return output + "\n" + text + "\n"
    }
}
