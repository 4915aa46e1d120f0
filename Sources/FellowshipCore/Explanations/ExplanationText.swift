/// Writes the paragraph of an explanation from its facts and a language's templates.
enum ExplanationText {
    static func paragraph(_ explanation: Explanation, _ pack: LanguagePack) -> String {
        var sentences: [String] = []
        let context = explanation.context
        let applicant = explanation.applicant
        func money(_ amount: Money) -> String { pack.money(amount, currency: context.currency) }
        func ids(_ list: [String]) -> String { pack.list(list) }
        // For the applicant's own view the other applications are counted, never named.
        let withheld = context.withheld
        func others(_ key: String, _ list: [String], withheldCount: Int?, placeholder: String) -> String {
            if let count = withheldCount {
                return pack.sentence(key + ".private", count: Double(count), ["count": pack.number(Double(count))])
            }
            return pack.sentence(key, count: Double(list.count), [placeholder: ids(list)])
        }

        switch explanation.outcome {
        case .ineligible:
            sentences.append(pack.sentence("outcome.ineligible", ["applicant": applicant]))
            let gates = explanation.gates.map { pack.label("gate_reason.\($0.rawValue)") }
            sentences.append(pack.sentence("gates", count: Double(gates.count), ["gates": pack.list(gates)]))
            return sentences.joined(separator: pack.sentenceSeparator)

        case .awarded:
            sentences.append(
                pack.sentence(
                    "outcome.awarded",
                    [
                        "applicant": applicant,
                        "component": explanation.component.map { pack.label("component.\($0.rawValue)") } ?? "",
                        "cost": explanation.cost.map(money) ?? "",
                    ]))
            if let score = explanation.score { sentences.append(scoreSentence(score, pack)) }
            let instead = explanation.alternativeAdds
            let insteadCount = withheld?.added ?? instead.count
            if let margin = explanation.margin {
                if margin == 0 {
                    if context.tieSettledBySubmission {
                        sentences.append(
                            others(
                                "tie.awarded.earlier", instead, withheldCount: withheld?.added, placeholder: "others"))
                    } else {
                        sentences.append(pack.sentence("tie.awarded.rule"))
                        if insteadCount > 0 {
                            sentences.append(
                                others(
                                    "alternative.instead", instead, withheldCount: withheld?.added, placeholder: "added"
                                ))
                        }
                    }
                } else {
                    sentences.append(pack.sentence("margin.awarded", count: margin, ["margin": pack.points(margin)]))
                    if insteadCount > 0 {
                        sentences.append(
                            others("alternative.instead", instead, withheldCount: withheld?.added, placeholder: "added")
                        )
                    }
                }
            }

        case .not_awarded:
            sentences.append(pack.sentence("outcome.not_awarded", ["applicant": applicant]))
            if let score = explanation.score { sentences.append(scoreSentence(score, pack)) }
            let displaced = explanation.wouldDisplace
            let displacedCount = withheld?.displaced ?? displaced.count
            let added = explanation.alternativeAdds
            let addedCount = withheld?.added ?? added.count
            if let margin = explanation.margin {
                if margin == 0 {
                    if context.tieSettledBySubmission {
                        sentences.append(
                            others(
                                "tie.not_awarded.earlier", displaced, withheldCount: withheld?.displaced,
                                placeholder: "displaced"))
                    } else {
                        sentences.append(pack.sentence("tie.not_awarded.rule"))
                        if displacedCount > 0 {
                            sentences.append(
                                others(
                                    "displace", displaced, withheldCount: withheld?.displaced, placeholder: "displaced")
                            )
                        }
                    }
                } else {
                    sentences.append(
                        pack.sentence("margin.not_awarded", count: margin, ["margin": pack.points(margin)]))
                    if displacedCount == 0 {
                        sentences.append(pack.sentence("displace.none"))
                    } else {
                        sentences.append(
                            others("displace", displaced, withheldCount: withheld?.displaced, placeholder: "displaced"))
                    }
                }
                if addedCount > 0 {
                    sentences.append(
                        others("alternative.adds", added, withheldCount: withheld?.added, placeholder: "added"))
                }
            } else if explanation.marginDetail != nil {
                let why = context.impossible.map { constraint -> String in
                    switch constraint {
                    case .budget:
                        return pack.sentence(
                            "impossible.budget",
                            [
                                "cost": context.cheapestCost.map(money) ?? "", "budget": money(context.budget),
                            ])
                    case .countryCap: return pack.sentence("impossible.country_cap")
                    case .dsaRule: return pack.sentence("impossible.dsa_rule")
                    }
                }
                // Empty when the run itself holds the application out (a declined award).
                if !why.isEmpty { sentences.append(pack.sentence("impossible", ["why": pack.list(why)])) }
            }
            if explanation.margin != nil {
                for constraint in explanation.constraints {
                    switch constraint {
                    case AllocationProblem.Constraint.budget.rawValue:
                        sentences.append(
                            pack.sentence(
                                "blocked.budget",
                                [
                                    "remaining": money(context.remaining), "budget": money(context.budget),
                                    "cost": context.cheapestCost.map(money) ?? "",
                                ]))
                    case AllocationProblem.Constraint.countryCap.rawValue:
                        sentences.append(
                            pack.sentence(
                                "blocked.country_cap", count: Double(context.countryCap),
                                ["cap": pack.number(Double(context.countryCap))]))
                    case AllocationProblem.Constraint.dsaRule.rawValue:
                        sentences.append(
                            pack.sentence(
                                "blocked.dsa_rule", count: Double(context.maxDSAPerCountry),
                                ["max_dsa": pack.number(Double(context.maxDSAPerCountry))]))
                    default: break
                    }
                }
                if explanation.margin != 0 && explanation.reasons.contains(NotAwardedReason.outscored.rawValue) {
                    sentences.append(pack.sentence("outscored"))
                }
            }
        }
        if let detail = explanation.marginDetail, !detail.isExact {
            sentences.append(pack.sentence("margin.approximate"))
        }
        return sentences.joined(separator: pack.sentenceSeparator)
    }

    static func scoreSentence(_ score: Score, _ pack: LanguagePack) -> String {
        pack.sentence("score", count: score.total, ["score": pack.points(score.total), "terms": terms(score, pack)])
    }

    /// `base 10, written contributions 6 and least developed country 3`.
    static func terms(_ score: Score, _ pack: LanguagePack) -> String {
        pack.list(score.terms.map { term($0, pack) })
    }

    /// One score term: `written contributions 6`, `书面文稿6分`.
    static func term(_ term: Score.Term, _ pack: LanguagePack) -> String {
        pack.label(
            "term",
            [
                "term": pack.label("term.\(term.term)"), "number": pack.number(term.points),
                "points": pack.points(term.points),
            ])
    }

    /// Terminal columns taken by `text`: East Asian wide characters count two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v)
            return width + (wide ? 2 : 1)
        }
    }
}
