/// Writes the decision letters of a stored run (docs/letters.md): one `<article>` per
/// application in the applicant's language (or the language asked for), and the printable
/// HTML documents that hold one letter or all of them.
public enum LetterWriter {
    /// The letters of `run`, in file order; only `applicants` when given (unknown ids throw
    /// `UnknownApplicantError`). `language` overrides each applicant's own language.
    public static func letters(
        _ run: StoredRun, applicants: [String] = [], language: Language? = nil
    ) throws -> [DecisionLetter] {
        let applications = run.inputs.applications
        var indices = Array(applications.indices)
        if !applicants.isEmpty {
            indices = try applicants.map { try Explainer.index(of: $0, in: run.result) }
        }
        let date = LetterDate(isoPrefix: run.committedAt)
        return indices.map { index in
            let facts = LetterFacts.facts(run, index: index)
            let chosen = language ?? applications[index].language.language
            return letter(facts, meeting: run.inputs.meeting, date: date, language: chosen)
        }
    }

    /// One letter from its facts.
    static func letter(_ facts: LetterFacts, meeting: Meeting, date: LetterDate?, language: Language) -> DecisionLetter
    {
        var body = LetterBody(pack: language.pack, currency: meeting.currency)
        let text = body.texts
        let pack = language.pack
        let start = Self.format(meeting.startDate, pack)
        let end = Self.format(meeting.endDate, pack)
        let about: [String: String] = [
            "applicant": facts.applicant, "meeting": meeting.title, "venue": meeting.venue, "start": start, "end": end,
        ]
        body.open(lang: language.rawValue, dir: pack.direction, applicant: facts.applicant, kind: facts.kind)
        body.raw("<header class=\"letterhead\"><p class=\"sender\">\(text.plain("sender"))</p></header>")
        body.raw("<dl class=\"reference\">")
        if let date { body.fact(text.plain("field.date"), Self.format(date.calendarDate, pack)) }
        body.fact(text.plain("field.application"), facts.applicant)
        body.fact(text.plain("field.meeting"), meeting.title)
        body.fact(text.plain("field.venue"), meeting.venue)
        body.fact(text.plain("field.dates"), pack.letter("dates", ["start": start, "end": end]))
        body.raw("</dl>")
        body.raw("<h1 class=\"subject\">\(text.plain("subject.\(facts.kind.rawValue)"))</h1>")
        body.paragraph(text.html("salutation"))
        switch facts.kind {
        case .awarded: awarded(facts, meeting: meeting, about: about, &body)
        case .notAwarded: notAwarded(facts, about: about, &body)
        case .ineligible: ineligible(facts, about: about, &body)
        case .declined: body.paragraph(text.html("declined.opening", about))
        }
        if facts.kind != .declined { body.paragraph(text.html("explanation")) }
        body.paragraph(text.html("contact", ["applicant": facts.applicant]))
        body.raw("<p class=\"closing\">\(text.plain("closing"))</p>")
        body.raw("<p class=\"signature\">\(text.plain("signature"))</p>")
        body.close()
        return DecisionLetter(applicant: facts.applicant, language: language, kind: facts.kind, article: body.output)
    }

    private static func awarded(
        _ facts: LetterFacts, meeting: Meeting, about: [String: String], _ body: inout LetterBody
    ) {
        let text = body.texts
        body.paragraph(text.html("awarded.opening", about))
        body.heading(text.plain("fellowship.heading"))
        let amount = facts.cost.map(body.money) ?? ""
        switch facts.component {
        case .dsa?:
            body.paragraph(
                text.html(
                    "fellowship.dsa", count: Double(meeting.dsaDays),
                    [
                        "days": body.pack.number(Double(meeting.dsaDays)), "per_day": body.money(meeting.dsaPerDay),
                        "amount": amount, "venue": meeting.venue,
                    ]), className: "fellowship")
            body.paragraph(text.html("fellowship.dsa.excludes", ["venue": meeting.venue]))
        case .ticket?, nil:
            body.paragraph(
                text.html("fellowship.ticket", ["venue": meeting.venue, "amount": amount]), className: "fellowship")
            body.paragraph(text.html("fellowship.ticket.excludes", ["venue": meeting.venue]))
        }
        body.heading(text.plain("next.heading"))
        let steps = [
            text.html("next.confirm", ["applicant": facts.applicant]),
            text.html(facts.component == .dsa ? "next.dsa" : "next.ticket"),
            text.html("next.travel"), text.html("next.attend"),
        ]
        body.list(steps, ordered: true)
    }

    private static func notAwarded(_ facts: LetterFacts, about: [String: String], _ body: inout LetterBody) {
        let text = body.texts
        let pack = body.pack
        body.paragraph(text.html("not_awarded.opening", about))
        body.heading(text.plain("reasons.heading"))
        var reasons: [String] = []
        if let score = facts.score {
            reasons.append(
                text.html(
                    "reason.score", count: score.total,
                    ["score": pack.points(score.total), "terms": ExplanationText.terms(score, pack)]))
        }
        if let margin = facts.margin {
            if margin > 0 {
                reasons.append(text.html("reason.margin", count: margin, ["margin": pack.points(margin)]))
            } else {
                reasons.append(
                    text.html(facts.reasons.contains(.tie_earlier_applicant) ? "reason.tie.earlier" : "reason.tie.rule")
                )
            }
        } else if !facts.impossible.isEmpty {
            let why = facts.impossible.map { constraint -> String in
                switch constraint {
                case .budget:
                    return pack.sentence(
                        "impossible.budget",
                        ["cost": facts.cheapestCost.map(body.money) ?? "", "budget": body.money(facts.budget)])
                case .countryCap: return pack.sentence("impossible.country_cap")
                case .dsaRule: return pack.sentence("impossible.dsa_rule")
                }
            }
            reasons.append(text.html("reason.impossible", ["why": pack.list(why)]))
        }
        for constraint in facts.constraints {
            switch constraint {
            case .budget:
                reasons.append(
                    text.html(
                        "reason.budget",
                        [
                            "budget": body.money(facts.budget), "remaining": body.money(facts.remaining),
                            "cost": facts.cheapestCost.map(body.money) ?? "",
                        ]))
            case .countryCap:
                reasons.append(
                    text.html(
                        "reason.country_cap", count: Double(facts.countryCap),
                        ["cap": pack.number(Double(facts.countryCap))]))
            case .dsaRule:
                reasons.append(
                    text.html(
                        "reason.dsa_rule", count: Double(facts.maxDSAPerCountry),
                        ["max_dsa": pack.number(Double(facts.maxDSAPerCountry))]))
            }
        }
        if facts.margin != 0 && facts.reasons.contains(.outscored) { reasons.append(text.html("reason.outscored")) }
        body.list(reasons, ordered: false)
        // Anyone a reallocation could fund stays on the waiting list.
        if facts.impossible.isEmpty { body.paragraph(text.html("not_awarded.waitlist")) }
    }

    private static func ineligible(_ facts: LetterFacts, about: [String: String], _ body: inout LetterBody) {
        let text = body.texts
        body.paragraph(text.html("ineligible.opening", about))
        body.paragraph(text.html("ineligible.gates", count: Double(facts.gates.count)))
        body.list(facts.gates.map { LetterText.escape(body.pack.label("gate_reason.\($0.rawValue)")) }, ordered: false)
    }

    /// A calendar date in the language's words (`6 July 2020`, `2020年7月6日`).
    static func format(_ date: CalendarDate, _ pack: LanguagePack) -> String {
        pack.letter(
            "date", ["day": String(date.day), "month": pack.letter("month.\(date.month)"), "year": String(date.year)])
    }
}

/// The date a letter carries: the day the run was committed (its timestamp's date, UTC).
struct LetterDate: Sendable {
    var calendarDate: CalendarDate

    init?(isoPrefix text: String) {
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        calendarDate = CalendarDate(year: year, month: month, day: day)
    }
}
