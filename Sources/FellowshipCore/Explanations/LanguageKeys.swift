/// Every key a language file must define, section by section, with the placeholders each
/// text may use. A file with a key missing or left over, or with a placeholder its key does
/// not offer, is refused at load with the file and line (docs/explanations.md, "Languages").
///
/// The lists are the contract between the code that fills the texts and the translators:
/// a placeholder the code does not fill would reach a delegate as `{name}`.
enum LanguageKeys {
    /// `labels`: short labels. Most take no placeholder.
    static var labels: [String: Set<String>] {
        var keys: [String: Set<String>] = [
            "points": ["n"], "term": ["term", "number", "points"], "parenthetical": ["0", "1"],
        ]
        let plain =
            [
                "component.ticket", "component.dsa", "outcome.awarded", "outcome.not_awarded", "outcome.ineligible",
                "field.applicant", "field.outcome", "field.score", "field.gates", "field.margin",
                "field.would_displace",
                "field.constraints", "field.extra_budget_needed", "field.reasons", "value.none", "value.not_applicable",
                "value.tie",
            ]
            + Gate.allCases.flatMap { ["gate.\($0.rawValue)", "gate_reason.\($0.rawValue)"] }
            + AllocationProblem.Constraint.allCases.map { "constraint.\($0.rawValue)" }
            + NotAwardedReason.allCases.map { "reason.\($0.rawValue)" }
            + ["term.base", "term.contribution", "term.role", "term.ldc", "term.special_needs"]
        for key in plain { keys[key] = [] }
        return keys
    }

    /// `templates`: the sentences of an explanation. The `.private` forms are those an
    /// applicant reads about its own application: they count the other applications
    /// concerned and never name them.
    static let templates: [String: Set<String>] = [
        "outcome.awarded": ["applicant", "component", "cost"], "outcome.not_awarded": ["applicant"],
        "outcome.ineligible": ["applicant"], "gates": ["gates"], "score": ["score", "terms"],
        "margin.awarded": ["margin"], "margin.not_awarded": ["margin"], "margin.approximate": [],
        "tie.awarded.earlier": ["others"], "tie.awarded.rule": [],
        "tie.not_awarded.earlier": ["displaced"], "tie.not_awarded.rule": [],
        "displace": ["displaced"], "displace.none": [], "alternative.adds": ["added"], "alternative.instead": ["added"],
        "blocked.budget": ["remaining", "budget", "cost"], "blocked.country_cap": ["cap"],
        "blocked.dsa_rule": ["max_dsa"],
        "outscored": [], "impossible": ["why"], "impossible.budget": ["cost", "budget"],
        "impossible.country_cap": [], "impossible.dsa_rule": [],
        "tie.awarded.earlier.private": ["count"], "tie.not_awarded.earlier.private": ["count"],
        "displace.private": ["count"], "alternative.adds.private": ["count"], "alternative.instead.private": ["count"],
    ]

    /// `letters`: the decision letters.
    static var letters: [String: Set<String>] {
        let meeting: Set<String> = ["applicant", "meeting", "venue", "start", "end"]
        var keys: [String: Set<String>] = [
            "title": ["applicant"], "sender": [], "date": ["day", "month", "year"],
            "field.date": [], "field.application": [], "field.meeting": [], "field.venue": [], "field.dates": [],
            "dates": ["start", "end"],
            "subject.awarded": [], "subject.not_awarded": [], "subject.ineligible": [], "subject.declined": [],
            "salutation": [], "awarded.opening": meeting, "fellowship.heading": [],
            "fellowship.ticket": ["venue", "amount"], "fellowship.ticket.excludes": ["venue"],
            "fellowship.dsa": ["days", "per_day", "amount", "venue"], "fellowship.dsa.excludes": ["venue"],
            "next.heading": [], "next.confirm": ["applicant"], "next.ticket": [], "next.dsa": [], "next.travel": [],
            "next.attend": [], "not_awarded.opening": meeting, "reasons.heading": [],
            "reason.score": ["score", "terms"], "reason.margin": ["margin"], "reason.tie.earlier": [],
            "reason.tie.rule": [], "reason.budget": ["budget", "remaining", "cost"], "reason.country_cap": ["cap"],
            "reason.dsa_rule": ["max_dsa"], "reason.outscored": [], "reason.impossible": ["why"],
            "not_awarded.waitlist": [], "ineligible.opening": meeting, "ineligible.gates": [],
            "declined.opening": meeting, "explanation": [], "contact": ["applicant"], "closing": [], "signature": [],
        ]
        for month in 1...12 { keys["month.\(month)"] = [] }
        return keys
    }

    /// `pages`: the applicant's home and explanation pages.
    static let pages: [String: Set<String>] = [
        "site": [], "skip": [], "signed_in": [], "sign_out": [], "footer": [],
        "home.title": ["applicant"], "home.nav": [], "home.caption": [], "home.meeting": [], "home.decision": [],
        "home.committed": [], "home.state": [], "home.link": ["run"], "home.current": [], "home.superseded": [],
        "home.none": [], "explanation.title": ["applicant"], "language": [], "show": [], "figures": [],
        "meeting": [], "meeting.run": ["meeting", "run"], "fellowship": [], "declined": ["applicant"],
        "outcome.declined": [], "terms.caption": [], "terms.term": [], "terms.points": [],
    ]

    /// The members of the file's top-level object.
    static let topLevel = [
        "name", "direction", "numbers", "plural_rule", "money", "list", "sentence_separator",
        "labels", "templates", "letters", "pages",
    ]
}
