import FellowshipCore
import Foundation
import HTTPTypes

/// One application's decision as the pages and the spreadsheet show it: outcome, reasons and
/// failed gates in words (the codes stay in decisions.json), and the name only for a reader
/// allowed to see it (the secretariat).
struct DecisionRow: Sendable {
    var index: Int
    var applicant: String
    var name: String?
    var countryCode: String
    var countryName: String
    var regionCode: String
    var regionName: String
    /// `awarded`, `not_awarded`, `ineligible` or `declined`.
    var outcome: String
    var outcomeText: String
    var component: Component?
    var cost: Money?
    var score: Double?
    var margin: Double?
    var reasonsText: String

    var componentText: String {
        switch component {
        case .ticket?: return "ticket"
        case .dsa?: return "DSA"
        case nil: return ""
        }
    }

    var scoreText: String { score.map(JSONValue.formatReal) ?? "" }
    var marginText: String { margin.map(JSONValue.formatReal) ?? "" }
}

enum DecisionRows {
    static let outcomes: [(code: String, name: String)] = [
        ("awarded", "Awarded"), ("not_awarded", "Not awarded"), ("ineligible", "Ineligible"), ("declined", "Declined"),
    ]

    /// Every decision of `run` in input order; names only when `withNames`.
    static func rows(_ run: StoredRun, withNames: Bool) -> [DecisionRow] {
        let result = run.result
        let inputs = run.inputs
        let countries = Dictionary(inputs.countries.map { ($0.iso3, $0) }, uniquingKeysWith: { first, _ in first })
        let declined = Set(run.declined)
        return result.decisions.enumerated().map { index, decision in
            let application = inputs.applications[index]
            let country = countries[application.country]
            let isDeclined = declined.contains(decision.applicant)
            let outcome = isDeclined ? "declined" : decision.outcome.rawValue
            let rank = result.screening.rankOfApplication[index]
            return DecisionRow(
                index: index, applicant: decision.applicant, name: withNames ? application.name : nil,
                countryCode: application.country, countryName: country?.name ?? application.country,
                regionCode: country?.region.rawValue ?? "", regionName: country?.region.englishName ?? "",
                outcome: outcome, outcomeText: outcomes.first { $0.code == outcome }?.name ?? outcome,
                component: isDeclined ? nil : decision.component, cost: isDeclined ? nil : decision.cost,
                score: decision.score, margin: rank.flatMap { isDeclined ? nil : run.margins[$0] },
                reasonsText: isDeclined
                    ? "declined by the applicant after the award"
                    : words(outcome: decision.outcome, reasons: decision.reasons))
        }
    }

    /// The reasons of a decision in words: failed conditions for an ineligible application,
    /// what stood in the way for one not awarded.
    static func words(outcome: Decision.Outcome, reasons: [String]) -> String {
        let english = Language.en.pack
        let texts = reasons.map { code -> String in
            let reason = english.label("reason.\(code)")
            if reason != "reason.\(code)" { return reason }
            let gate = english.label("gate.\(code)")
            return gate != "gate.\(code)" ? gate : code
        }
        switch outcome {
        case .ineligible: return texts.isEmpty ? "" : "Conditions not met: " + texts.joined(separator: "; ")
        case .not_awarded: return texts.isEmpty ? "" : "Not funded because of: " + texts.joined(separator: "; ")
        case .awarded: return ""
        }
    }
}

/// How the decisions table is sorted: by a column, up or down (a GET link per column header).
struct DecisionSort: Sendable {
    static let columns: [(key: String, label: String)] = [
        ("application", "Application"), ("name", "Name"), ("country", "Country"), ("region", "Region"),
        ("outcome", "Outcome"), ("component", "Component"), ("cost", "Cost"), ("score", "Score"), ("margin", "Margin"),
    ]

    var column: String
    var descending: Bool

    /// From the query; 422 for a column or direction the table does not have.
    init(_ fields: FormFields, withNames: Bool) throws {
        let column = fields["sort"] ?? "application"
        let direction = fields["dir"] ?? "asc"
        guard Self.columns.contains(where: { $0.key == column }), withNames || column != "name" else {
            throw ServiceError(
                .unprocessableContent,
                "sort: no column \"\(column)\" (columns: \(Self.columns.map(\.key).filter { withNames || $0 != "name" }.joined(separator: ", ")))"
            )
        }
        guard direction == "asc" || direction == "desc" else {
            throw ServiceError(.unprocessableContent, "dir: expected asc or desc, got \"\(direction)\"")
        }
        self.column = column
        descending = direction == "desc"
    }

    /// Sorted rows; ties keep input order, and missing values (no cost, no margin) go last.
    func apply(_ rows: [DecisionRow]) -> [DecisionRow] {
        enum Key {
            case text(String)
            case number(Double)
            case missing
        }
        func key(_ row: DecisionRow) -> Key {
            switch column {
            case "name": return row.name.map(Key.text) ?? .missing
            case "country": return .text(row.countryName)
            case "region": return .text(row.regionName)
            case "outcome": return .text(row.outcomeText)
            case "component": return row.component == nil ? .missing : .text(row.componentText)
            case "cost": return row.cost.map { .number(Double($0.cents)) } ?? .missing
            case "score": return row.score.map(Key.number) ?? .missing
            case "margin": return row.margin.map(Key.number) ?? .missing
            default: return .number(Double(row.index))
            }
        }
        let descending = self.descending
        return rows.sorted { a, b in
            switch (key(a), key(b)) {
            case (.text(let x), .text(let y)):
                let order = x.localizedStandardCompare(y)
                if order != .orderedSame {
                    return descending ? order == .orderedDescending : order == .orderedAscending
                }
            case (.number(let x), .number(let y)):
                if x != y { return descending ? x > y : x < y }
            case (.missing, .missing):
                break
            case (.missing, _):
                return false
            case (_, .missing):
                return true
            default:
                break
            }
            return a.index < b.index
        }
    }
}
