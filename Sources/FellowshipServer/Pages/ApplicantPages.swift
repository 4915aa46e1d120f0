import FellowshipCore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The applicant's own pages, home and explanation, in the applicant's language (issue #13,
/// docs/service.md "Pages for applicants"): every heading, label and button comes from the
/// language file's `pages` and `labels`; Arabic pages are right to left. No other
/// application is named on them.
extension PageRenderer {
    /// A page of the applicant's: `template` inside the applicant header and footer, with
    /// `lang`, `dir` and the plain texts of `language` (as `t.<key>` with `.` written `_`,
    /// since Mustache reads a dot as a nested name); texts with placeholders are filled by
    /// `ApplicantPages`.
    /// `requested` is true when the page was asked for in a language (`?lang=`): its links
    /// then keep that language.
    func applicantPage(
        _ template: String, title: String, language: Language, requested: Bool,
        _ values: [String: Any]
    ) -> Response {
        let pack = language.pack
        var texts: [String: String] = [:]
        for key in LanguagePack.plainPageTexts {
            texts[key.replacingOccurrences(of: ".", with: "_")] = pack.page(key)
        }
        var context = values
        context["title"] = title
        context["lang"] = language.rawValue
        context["dir"] = pack.direction
        context["langQuery"] = requested ? "?lang=\(language.rawValue)" : ""
        context["t"] = texts
        context["languages"] = Language.allCases.map { option -> [String: Any] in
            ["code": option.rawValue, "name": option.name, "selected": option == language]
        }
        let text = library.render(context, withTemplate: template) ?? "template \(template) is missing"
        return JSONResponse.html(text)
    }
}

/// The values of the applicant's pages.
enum ApplicantPages {
    /// The home page: the runs that include the application, newest first.
    static func home(applicant: String, runs: [RunSummary], language: Language) -> [String: Any] {
        let pack = language.pack
        return [
            "headline": pack.page("home.title", ["applicant": applicant]),
            "hasRuns": !runs.isEmpty,
            "runs": runs.map { run -> [String: Any] in
                [
                    "id": run.id, "meeting": run.meetingID, "applicant": applicant, "committed": run.committedAt,
                    "link": pack.page("home.link", ["run": PageValues.short(run.id)]),
                    "state": pack.page(run.superseded ? "home.superseded" : "home.current"),
                ]
            },
        ]
    }

    /// The explanation page: the paragraph and the facts, labelled in the language. The
    /// explanation is the applicant's own view (`Explanation.forApplicant`).
    static func explanation(_ explanation: Explanation, run: StoredRun) -> [String: Any] {
        let pack = explanation.language.pack
        let currency = explanation.context.currency
        let declined = run.declined.contains(explanation.applicant)
        var facts: [(String, String)] = [
            (pack.label("field.applicant"), explanation.applicant),
            (
                pack.page("meeting"),
                pack.page("meeting.run", ["meeting": run.meetingID, "run": PageValues.short(run.id)])
            ),
            (
                pack.label("field.outcome"),
                declined ? pack.page("outcome.declined") : pack.label("outcome.\(explanation.outcome.rawValue)")
            ),
        ]
        if let component = explanation.component, !declined {
            let cost = explanation.cost.map { pack.money($0, currency: currency) } ?? ""
            facts.append(
                (
                    pack.page("fellowship"),
                    pack.label("parenthetical", ["0": pack.label("component.\(component.rawValue)"), "1": cost])
                ))
        }
        if !explanation.gates.isEmpty {
            facts.append(
                (
                    pack.label("field.gates"),
                    pack.enumeration(explanation.gates.map { pack.label("gate.\($0.rawValue)") })
                ))
        }
        if let score = explanation.score { facts.append((pack.label("field.score"), pack.number(score.total))) }
        if explanation.outcome != .ineligible {
            let margin =
                explanation.margin.map { $0 == 0 ? pack.label("value.tie") : pack.number($0) }
                ?? pack.label("value.not_applicable")
            facts.append((pack.label("field.margin"), margin))
        }
        if explanation.outcome == .not_awarded {
            let reasons = explanation.reasons.map { pack.label("reason.\($0)") }
            facts.append(
                (pack.label("field.reasons"), reasons.isEmpty ? pack.label("value.none") : pack.enumeration(reasons)))
            let constraints = explanation.constraints.map { pack.label("constraint.\($0)") }
            facts.append(
                (
                    pack.label("field.constraints"),
                    constraints.isEmpty ? pack.label("value.none") : pack.enumeration(constraints)
                ))
            facts.append(
                (
                    pack.label("field.extra_budget_needed"),
                    explanation.extraBudgetNeeded.map { pack.money($0, currency: currency) }
                        ?? pack.label("value.not_applicable")
                ))
        }
        var values: [String: Any] = [
            "runID": run.id, "applicant": explanation.applicant, "text": explanation.text,
            "headline": pack.page("explanation.title", ["applicant": explanation.applicant]),
            "declined": declined, "declinedNotice": pack.page("declined", ["applicant": explanation.applicant]),
            "facts": facts.map { ["label": $0.0, "value": $0.1] },
        ]
        if let score = explanation.score {
            values["hasTerms"] = !score.terms.isEmpty
            values["terms"] = score.terms.map {
                ["term": pack.label("term.\($0.term)"), "points": pack.number($0.points)]
            }
        }
        return values
    }
}
