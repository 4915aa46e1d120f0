import FellowshipCore

/// The filters of the decisions page (a GET form): country code, region code, outcome.
struct DecisionFilter: Sendable {
    var country: String?
    var region: String?
    var outcome: String?

    init(_ fields: FormFields) {
        country = fields["country"]
        region = fields["region"]
        outcome = fields["outcome"]
    }

    var isActive: Bool { country != nil || region != nil || outcome != nil }
}

/// The values of the decisions page of a run.
enum DecisionsView {
    static let outcomes: [(String, String)] = [
        ("awarded", "Awarded"), ("not_awarded", "Not awarded"), ("ineligible", "Ineligible"), ("declined", "Declined"),
    ]

    static func values(_ run: StoredRun, filter: DecisionFilter) -> [String: Any] {
        let result = run.result
        let inputs = run.inputs
        let countries = Dictionary(inputs.countries.map { ($0.iso3, $0) }, uniquingKeysWith: { first, _ in first })
        let declined = Set(run.declined)
        let decisions = result.decisions
        var rows: [[String: Any]] = []
        for (index, decision) in decisions.enumerated() {
            let application = inputs.applications[index]
            let country = countries[application.country]
            let isDeclined = declined.contains(decision.applicant)
            let outcome = isDeclined ? "declined" : decision.outcome.rawValue
            if let wanted = filter.country, wanted != application.country { continue }
            if let wanted = filter.region, wanted != country?.region.rawValue { continue }
            if let wanted = filter.outcome, wanted != outcome { continue }
            let rank = result.screening.rankOfApplication[index]
            let margin = rank.flatMap { isDeclined ? nil : run.margins[$0] }
            rows.append([
                "runID": run.id, "applicant": decision.applicant,
                "country": country.map { "\($0.name) (\($0.iso3))" } ?? application.country,
                "region": country?.region.englishName ?? "",
                "outcome": outcomes.first { $0.0 == outcome }?.1 ?? outcome,
                "component": isDeclined ? "" : decision.component?.rawValue ?? "",
                "cost": isDeclined ? "" : decision.cost?.decimalText ?? "",
                "score": decision.score.map(JSONValue.formatReal) ?? "",
                "margin": margin.map(JSONValue.formatReal) ?? "",
                "reasons": (isDeclined ? ["declined"] : decision.reasons).joined(separator: ", "),
            ])
        }
        let used = Set(inputs.applications.map(\.country))
        let tally = result.tally
        return [
            "id": run.id, "shortID": PageValues.short(run.id), "number": run.number, "kind": run.kind.rawValue,
            "meeting": run.meetingID, "meetingTitle": inputs.meeting.title, "status": result.status.rawValue,
            "value": JSONValue.formatReal(result.value), "awards": tally.awards, "spent": tally.spent.decimalText,
            "budget": result.problem.budget.decimalText, "currency": inputs.meeting.currency, "committed": run.committedAt,
            "decisions": rows, "shown": rows.count, "total": decisions.count, "filtered": filter.isActive,
            "countries": inputs.countries.filter { used.contains($0.iso3) }.sorted { $0.name < $1.name }.map { country -> [String: Any] in
                ["code": country.iso3, "name": country.name, "selected": country.iso3 == filter.country]
            },
            "regions": Region.allCases.map { region -> [String: Any] in
                ["code": region.rawValue, "name": region.englishName, "selected": region.rawValue == filter.region]
            },
            "outcomes": outcomes.map { code, name -> [String: Any] in
                ["code": code, "name": name, "selected": code == filter.outcome]
            },
        ]
    }
}

/// The values of the explanation page.
enum ExplanationView {
    static func values(_ explanation: Explanation, run: StoredRun) -> [String: Any] {
        let declined = run.declined.contains(explanation.applicant)
        var values: [String: Any] = [
            "runID": run.id, "shortRunID": PageValues.short(run.id), "meeting": run.meetingID,
            "applicant": explanation.applicant, "text": explanation.text, "declined": declined,
            "headline": "Application \(explanation.applicant)", "language": explanation.language.rawValue,
            "outcome": declined ? "declined" : explanation.outcome.rawValue,
            "currency": explanation.context.currency,
            "hasGates": !explanation.gates.isEmpty, "gates": explanation.gates.map(\.rawValue).joined(separator: ", "),
            "hasReasons": !explanation.reasons.isEmpty, "reasons": explanation.reasons.joined(separator: ", "),
            "hasConstraints": !explanation.constraints.isEmpty, "constraints": explanation.constraints.joined(separator: ", "),
            "hasDisplace": !explanation.wouldDisplace.isEmpty, "displace": explanation.wouldDisplace.joined(separator: ", "),
            "languages": Language.allCases.map { language -> [String: Any] in
                ["code": language.rawValue, "name": language.name, "selected": language == explanation.language]
            },
        ]
        if let component = explanation.component, !declined {
            values["component"] = component.rawValue
            values["cost"] = explanation.cost?.decimalText ?? ""
        }
        if let score = explanation.score {
            values["hasScore"] = true
            values["score"] = JSONValue.formatReal(score.total)
            values["hasTerms"] = !score.terms.isEmpty
            values["terms"] = score.terms.map { ["term": $0.term, "points": JSONValue.formatReal($0.points)] }
        }
        if let margin = explanation.margin { values["margin"] = JSONValue.formatReal(margin) }
        if let extra = explanation.extraBudgetNeeded { values["extraBudget"] = extra.decimalText }
        return values
    }
}
