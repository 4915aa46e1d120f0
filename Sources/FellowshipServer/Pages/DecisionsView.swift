import FellowshipCore
import FellowshipStore
import Foundation

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

/// The values of the decisions page of a run: the summary charts, the filters, the sortable
/// table (names only for the secretariat), the downloads and, for the secretariat on the
/// current run of a meeting, a decline link per award.
enum DecisionsView {
    static let outcomes = DecisionRows.outcomes.map { ($0.code, $0.name) }

    static func values(
        _ run: StoredRun, filter: DecisionFilter, sort: DecisionSort, role: AccessRole,
        isCurrent: Bool
    ) -> [String: Any] {
        let result = run.result
        let inputs = run.inputs
        let withNames = role == .secretariat
        let all = DecisionRows.rows(run, withNames: withNames)
        let shown = sort.apply(
            all.filter { row in
                (filter.country.map { $0 == row.countryCode } ?? true)
                    && (filter.region.map { $0 == row.regionCode } ?? true)
                    && (filter.outcome.map { $0 == row.outcome } ?? true)
            })
        let canDecline = role == .secretariat && isCurrent
        let rows = shown.map { row -> [String: Any] in
            var values: [String: Any] = [
                "runID": run.id, "applicant": row.applicant, "name": row.name ?? "",
                "country": "\(row.countryName) (\(row.countryCode))", "region": row.regionName,
                "outcome": row.outcomeText, "component": row.componentText, "cost": row.cost?.decimalText ?? "",
                "score": row.scoreText, "margin": row.marginText, "reasons": row.reasonsText,
            ]
            if canDecline && row.outcome == "awarded" { values["declinable"] = true }
            return values
        }
        // Filters stay in the sorting links, and the sort stays in the filter form.
        var filterQuery: [String] = []
        if let country = filter.country { filterQuery.append("country=\(PageQuery.encode(country))") }
        if let region = filter.region { filterQuery.append("region=\(PageQuery.encode(region))") }
        if let outcome = filter.outcome { filterQuery.append("outcome=\(PageQuery.encode(outcome))") }
        let columns = DecisionSort.columns.filter { withNames || $0.key != "name" }.map { column -> [String: Any] in
            let active = column.key == sort.column
            let nextDescending = active && !sort.descending
            let query = (filterQuery + ["sort=\(column.key)", "dir=\(nextDescending ? "desc" : "asc")"]).joined(
                separator: "&")
            var values: [String: Any] = [
                "key": column.key, "label": column.label, "href": "/runs/\(run.id)?\(query)",
                "sortText": active
                    ? (sort.descending ? "sorted down; choose to sort up" : "sorted up; choose to sort down")
                    : "choose to sort by this column",
            ]
            if column.key == "cost" { values["label"] = "Cost (\(inputs.meeting.currency))" }
            if active { values["ariaSort"] = sort.descending ? "descending" : "ascending" }
            return values
        }
        let used = Set(inputs.applications.map(\.country))
        let tally = result.tally
        return [
            "id": run.id, "shortID": PageValues.short(run.id), "number": run.number, "kind": run.kind.rawValue,
            "meeting": run.meetingID, "meetingPath": PagePath.segment(run.meetingID),
            "meetingTitle": inputs.meeting.title,
            "status": result.status.rawValue, "isFollowUp": run.parentRunID != nil,
            "value": JSONValue.formatReal(result.value), "awards": tally.awards, "spent": tally.spent.decimalText,
            "budget": result.problem.budget.decimalText, "currency": inputs.meeting.currency,
            "committed": run.committedAt,
            "current": isCurrent, "withNames": withNames,
            "figures": DecisionSummary(run).values,
            "columns": columns, "sort": sort.column, "dir": sort.descending ? "desc" : "asc",
            "decisions": rows, "shown": rows.count, "total": all.count, "filtered": filter.isActive,
            "countries": inputs.countries.filter { used.contains($0.iso3) }.sorted { $0.name < $1.name }.map {
                country -> [String: Any] in
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

/// Query values in page links.
enum PageQuery {
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? ""
    }
}

/// The values of the explanation page.
enum ExplanationView {
    /// The English words for a code (`gate.late_application` …), the code itself when the
    /// language file has none.
    static func label(_ kind: String, _ code: String) -> String {
        let text = Language.en.pack.label("\(kind).\(code)")
        return text == "\(kind).\(code)" ? code : text
    }

    static func values(_ explanation: Explanation, run: StoredRun) -> [String: Any] {
        let declined = run.declined.contains(explanation.applicant)
        var values: [String: Any] = [
            "runID": run.id, "shortRunID": PageValues.short(run.id), "meeting": run.meetingID,
            "applicant": explanation.applicant, "text": explanation.text, "declined": declined,
            "headline": "Application \(explanation.applicant)", "language": explanation.language.rawValue,
            // Outcomes, gates, reasons and constraints in words, as on the decisions page (the
            // codes stay in the explanation JSON).
            "outcome": DecisionRows.outcomes.first {
                $0.code == (declined ? "declined" : explanation.outcome.rawValue)
            }?.name
                ?? explanation.outcome.rawValue,
            "currency": explanation.context.currency,
            "hasGates": !explanation.gates.isEmpty,
            "gates": explanation.gates.map { Self.label("gate", $0.rawValue) }.joined(separator: "; "),
            "hasReasons": !explanation.reasons.isEmpty,
            "reasons": explanation.reasons.map { Self.label("reason", $0) }.joined(separator: "; "),
            "hasConstraints": !explanation.constraints.isEmpty,
            "constraints": explanation.constraints.map { Self.label("constraint", $0) }.joined(separator: "; "),
            "hasDisplace": !explanation.wouldDisplace.isEmpty,
            "displace": explanation.wouldDisplace.joined(separator: ", "),
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
