import Foundation
import Testing

@testable import FellowshipCore

/// Explanations of every outcome kind, in every language: the facts (margin, displaced
/// applicants, constraints, extra budget), the paragraph built from the language's templates,
/// the JSON layout of FORMATS.md, and that no name or gender ever appears.
@Suite("Explanations")
struct ExplanationTests {
    static func at(_ minute: Int) -> String { "2020-05-20T10:\(minute < 10 ? "0" : "")\(minute):00Z" }

    static func decide(_ rows: [String], policy: String = "{}") throws -> AllocationResult {
        let inputs = try Fixtures.load(applications: Fixtures.applicationsCSV(rows), policy: policy)
        return try Allocator.allocate(Screening(inputs: inputs))
    }

    /// One situation to explain, with the facts its explanation must state.
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var rows: [String]
        var policy: String = "{}"
        var applicant: String
        var outcome: Decision.Outcome
        var margin: Double?
        var reasons: [String] = []
        var gates: [Gate] = []
        var wouldDisplace: [String] = []
        var constraints: [String] = []
        var extraBudget: Money?
        /// Templates whose sentences the paragraph must contain (key, plural count, values).
        var sentences: [(String, Double?, [String: String])] = []
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "awarded", rows: [Fixtures.applicationRow("A-1", ["contributions": "2", "request": "ticket"])],
            applicant: "A-1", outcome: .awarded, margin: 24,
            sentences: [("outcome.awarded", nil, ["applicant": "A-1"])]),
        Case(
            name: "not awarded: budget",
            rows: [
                Fixtures.applicationRow(
                    "A-2", ["submitted_at": at(2), "request": "ticket", "country": "NPL", "gender": "male"]),
                Fixtures.applicationRow(
                    "A-1", ["submitted_at": at(1), "request": "ticket", "country": "BOL", "gender": "male"]),
            ],
            policy: "{\"budget\": 1500, \"region_targets\": {}}",
            applicant: "A-1", outcome: .not_awarded, margin: 3, reasons: ["budget", "outscored"],
            wouldDisplace: ["A-2"], constraints: ["budget"], extraBudget: Money(cents: 146_000),
            sentences: [("displace", 1, ["displaced": "A-2"]), ("outscored", nil, [:])]),
        Case(
            name: "not awarded: country cap",
            rows: [
                Fixtures.applicationRow("A-1", ["submitted_at": at(1), "request": "ticket"]),
                Fixtures.applicationRow("A-2", ["submitted_at": at(2), "request": "ticket"]),
                Fixtures.applicationRow("A-3", ["submitted_at": at(3), "request": "ticket", "contributions": "0"]),
            ],
            applicant: "A-3", outcome: .not_awarded, margin: 3, reasons: ["country_cap", "outscored"],
            wouldDisplace: ["A-2"], constraints: ["country_cap"], extraBudget: nil,
            sentences: [("blocked.country_cap", 2, [:]), ("displace", 1, ["displaced": "A-2"])]),
        Case(
            name: "not awarded: DSA rule",
            rows: [
                Fixtures.applicationRow("A-1", ["submitted_at": at(1), "request": "dsa", "ticket_cost": ""]),
                Fixtures.applicationRow(
                    "A-2", ["submitted_at": at(2), "request": "dsa", "ticket_cost": "", "contributions": "0"]),
            ],
            applicant: "A-2", outcome: .not_awarded, margin: 3, reasons: ["dsa_rule", "outscored"],
            wouldDisplace: ["A-1"], constraints: ["dsa_rule"], extraBudget: nil,
            sentences: [("blocked.dsa_rule", 1, [:])]),
        Case(
            name: "not awarded: outscored",
            rows: [
                Fixtures.applicationRow("A-1", ["submitted_at": at(1), "request": "ticket"]),
                Fixtures.applicationRow(
                    "A-2", ["submitted_at": at(2), "request": "ticket", "country": "NPL", "gender": "male"]),
            ],
            policy: "{\"gender_target\": 1, \"weights\": {\"gender_shortfall\": 30}}",
            applicant: "A-2", outcome: .not_awarded, margin: 6, reasons: ["outscored"],
            wouldDisplace: [], constraints: [], extraBudget: .zero,
            sentences: [("displace.none", nil, [:]), ("outscored", nil, [:])]),
        Case(
            name: "not awarded: tie",
            rows: [
                Fixtures.applicationRow(
                    "A-2", ["submitted_at": at(2), "request": "ticket", "country": "NPL", "gender": "male"]),
                Fixtures.applicationRow(
                    "A-1", ["submitted_at": at(1), "request": "ticket", "country": "BOL", "gender": "male"]),
            ],
            policy: "{\"budget\": 1500, \"region_targets\": {}, \"weights\": {\"ldc\": 0}}",
            applicant: "A-2", outcome: .not_awarded, margin: 0, reasons: ["budget", "tie_earlier_applicant"],
            wouldDisplace: ["A-1"], constraints: ["budget"], extraBudget: Money(cents: 146_000),
            sentences: [("tie.not_awarded.earlier", 1, ["displaced": "A-1"])]),
        Case(
            name: "awarded: tie",
            rows: [
                Fixtures.applicationRow(
                    "A-2", ["submitted_at": at(2), "request": "ticket", "country": "NPL", "gender": "male"]),
                Fixtures.applicationRow(
                    "A-1", ["submitted_at": at(1), "request": "ticket", "country": "BOL", "gender": "male"]),
            ],
            policy: "{\"budget\": 1500, \"region_targets\": {}, \"weights\": {\"ldc\": 0}}",
            applicant: "A-1", outcome: .awarded, margin: 0,
            sentences: [("tie.awarded.earlier", 1, ["others": "A-2"])]),
        Case(
            name: "not awarded: no allocation can fund it",
            rows: [Fixtures.applicationRow("A-1", ["request": "ticket", "ticket_cost": "1480.00"])],
            policy: "{\"budget\": 1000}",
            applicant: "A-1", outcome: .not_awarded, margin: nil, reasons: ["budget"],
            constraints: ["budget"], extraBudget: Money(cents: 48_000),
            sentences: [("impossible.budget", nil, [:])]),
        Case(
            name: "ineligible",
            rows: [
                Fixtures.applicationRow("A-1", ["complete": "no", "country": "FRA"]), Fixtures.applicationRow("A-2"),
            ],
            applicant: "A-1", outcome: .ineligible, margin: nil,
            reasons: ["country_not_eligible", "incomplete_application"],
            gates: [.country_not_eligible, .incomplete_application],
            sentences: [("outcome.ineligible", nil, ["applicant": "A-1"])]),
    ]

    @Test("every outcome kind states its facts", arguments: cases)
    func facts(_ situation: Case) throws {
        let result = try Self.decide(situation.rows, policy: situation.policy)
        let explanation = try Explainer.explain(applicant: situation.applicant, in: result, language: .en)
        #expect(explanation.outcome == situation.outcome)
        #expect(explanation.reasons == situation.reasons)
        #expect(explanation.gates == situation.gates)
        #expect(explanation.wouldDisplace == situation.wouldDisplace)
        #expect(explanation.constraints == situation.constraints)
        #expect(explanation.extraBudgetNeeded == situation.extraBudget)
        switch (explanation.margin, situation.margin) {
        case (nil, nil): break
        case (let margin?, let expected?):
            #expect(abs(margin - expected) < 1e-9, "margin \(margin), expected \(expected)")
        default:
            Issue.record(
                "margin \(String(describing: explanation.margin)), expected \(String(describing: situation.margin))")
        }
        if situation.outcome == .ineligible {
            #expect(explanation.score == nil)
            #expect(explanation.marginDetail == nil)
        } else {
            #expect(explanation.score != nil)
            #expect(explanation.marginDetail?.isExact == true)
        }
    }

    @Test("every outcome kind in every language: the sentences, the margin, no name or gender", arguments: cases)
    func everyLanguage(_ situation: Case) throws {
        #expect(Language.allCases.count >= 3)
        let result = try Self.decide(situation.rows, policy: situation.policy)
        let english = try Explainer.explain(applicant: situation.applicant, in: result, language: .en)
        let application = result.screening.inputs.applications.first { $0.id == situation.applicant }!
        for language in Language.allCases {
            let explanation = english.translated(to: language)
            let direct = try Explainer.explain(applicant: situation.applicant, in: result, language: language)
            #expect(direct.text == explanation.text)
            let pack = language.pack
            let text = explanation.text
            #expect(!text.isEmpty)
            #expect(text.contains(situation.applicant))
            #expect(!text.contains("{"), "\(language): unfilled placeholder in \(text)")
            for (key, count, values) in situation.sentences {
                var filled = values
                filled["cost"] =
                    filled["cost"] ?? (explanation.context.cheapestCost.map { pack.money($0, currency: "CHF") })
                filled["budget"] = filled["budget"] ?? pack.money(explanation.context.budget, currency: "CHF")
                filled["cap"] = pack.number(Double(explanation.context.countryCap))
                filled["max_dsa"] = pack.number(Double(explanation.context.maxDSAPerCountry))
                filled["component"] = explanation.component.map { pack.label("component.\($0.rawValue)") }
                filled["applicant"] = situation.applicant
                let sentence = pack.sentence(key, count: count, filled.compactMapValues { $0 })
                #expect(
                    text.contains(sentence), "\(language) \(situation.name): missing \(key): \(sentence) in \(text)")
            }
            if let margin = situation.margin, margin > 0 {
                #expect(
                    text.contains(pack.points(margin)),
                    "\(language): the margin \(pack.points(margin)) is not in \(text)")
            }
            if situation.margin == 0 {
                let key = situation.outcome == .awarded ? "tie.awarded.earlier" : "tie.not_awarded.earlier"
                #expect(text.contains(pack.sentence(key, count: 1, ["others": "A-2", "displaced": "A-1"])))
            }
            for gate in situation.gates {
                #expect(text.contains(pack.label("gate_reason.\(gate.rawValue)")))
            }
            let json = explanation.json.compact
            for leak in [application.name, "Name ", "female", "\"male\"", "gender"] {
                #expect(!text.contains(leak), "\(language): \(leak) in the text")
                #expect(!json.contains(leak), "\(language): \(leak) in the JSON")
                #expect(!explanation.report.contains(leak), "\(language): \(leak) in the report")
            }
        }
    }

    @Test("the paragraphs read as written in the six languages")
    func literalText() throws {
        let situation = Self.cases[1]
        let result = try Self.decide(situation.rows, policy: situation.policy)
        let explanation = try Explainer.explain(applicant: "A-1", in: result, language: .en)
        #expect(
            explanation.text == """
                Application A-1 was eligible but was not awarded a fellowship. Under the policy it scores 13 points: \
                base 10 and written contributions 3. It fell 3 points short (its margin): the best allocation that funds \
                it is worth 3 points less under the policy than the published one, so its score would have had to be more \
                than 3 points higher for it to be funded. Funding it would have meant withdrawing the fellowship of \
                application A-2. Adding it to those funded without withdrawing anyone's fellowship would exceed the \
                budget: 20.00 CHF of the 1,500.00 CHF remained, and its cheapest allowed component costs 1,480.00 CHF. \
                The applications funded are worth more under the policy.
                """)
        let french = explanation.translated(to: .fr).text
        #expect(
            french.hasPrefix("La demande A-1 remplissait les conditions requises, mais elle n'a pas obtenu de bourse."))
        #expect(french.contains("Il lui a manqué 3\u{a0}points (sa marge)\u{a0}:"))
        #expect(french.contains("il restait 20,00\u{a0}CHF sur 1\u{202f}500,00\u{a0}CHF"))
        let chinese = explanation.translated(to: .zh).text
        // The ITU's term (TSB Collective letter 8/20, Chinese): 与会补贴, no longer 资助.
        #expect(chinese.hasPrefix("申请A-1符合资格条件，但未获得与会补贴。按照与会补贴政策，该申请得分为13分：基础分10分和书面文稿3分。其分差为3分："))
        #expect(chinese.contains("若要向该申请提供与会补贴，就必须撤销申请A-2的与会补贴。"))
        #expect(!chinese.contains("资助"))
        let spanish = explanation.translated(to: Language(rawValue: "es")!).text
        #expect(spanish.hasPrefix("La solicitud A-1 cumplía las condiciones, pero no obtuvo una beca."))
        #expect(spanish.contains("Le faltaron 3\u{a0}puntos (su margen):"))
        #expect(spanish.contains("quedaban 20,00\u{a0}CHF de 1500,00\u{a0}CHF"))
        let russian = explanation.translated(to: Language(rawValue: "ru")!).text
        #expect(russian.hasPrefix("Заявка A-1 отвечала условиям, но стипендия ей не была предоставлена."))
        #expect(russian.contains("Ее отставание (разница в баллах) составляет 3\u{a0}балла:"))
        #expect(russian.contains("пришлось бы отозвать стипендию заявки A-2."))
        let arabic = explanation.translated(to: Language(rawValue: "ar")!).text
        #expect(arabic.hasPrefix("كان الطلب A-1 مستوفيًا للشروط، لكنه لم يحصل على منحة."))
        #expect(arabic.contains("نقصه 3 نقاط (هامشه)"))
        #expect(arabic.contains("كان تمويله سيقتضي سحب منحة الطلب A-2."))
    }

    @Test("the JSON has the members of FORMATS.md, in its order, then the extra ones")
    func jsonShape() throws {
        let situation = Self.cases[1]
        let result = try Self.decide(situation.rows, policy: situation.policy)
        let explanation = try Explainer.explain(applicant: "A-1", in: result, language: .fr)
        guard case .object(let members) = explanation.json else {
            Issue.record("not an object")
            return
        }
        let keys = members.map(\.0)
        #expect(
            Array(keys.prefix(8)) == [
                "applicant", "outcome", "score", "gates", "margin", "would_displace", "extra_budget_needed", "text",
            ])
        #expect(
            Array(keys.dropFirst(8)) == [
                "language", "reasons", "constraints", "component", "cost", "tie", "margin_exact",
                "optimum", "alternative_optimum", "alternative_adds",
            ])
        let compact = explanation.json.compact
        #expect(
            compact.hasPrefix(
                #"{"applicant":"A-1","outcome":"not_awarded","score":{"total":13,"terms":[{"term":"base","points":10},{"term":"contribution","points":3}]},"gates":[],"margin":3,"would_displace":["A-2"],"extra_budget_needed":1460.00,"text":"La demande A-1"#
            ))
        #expect(
            compact.contains(
                #""language":"fr","reasons":["budget","outscored"],"constraints":["budget"],"component":null,"cost":null,"tie":false,"margin_exact":true"#
            ))
        let ineligible = try Explainer.explain(
            applicant: "A-1", in: try Self.decide(Self.cases.last!.rows), language: .en)
        #expect(
            ineligible.json.compact.hasPrefix(
                #"{"applicant":"A-1","outcome":"ineligible","score":null,"gates":["country_not_eligible","incomplete_application"],"margin":null,"would_displace":[],"extra_budget_needed":null,"text":"#
            ))
    }

    @Test("an unknown applicant id is an error naming it")
    func unknownApplicant() throws {
        let result = try Self.decide([Fixtures.applicationRow("A-1")])
        #expect(throws: UnknownApplicantError.self) {
            try Explainer.explain(applicant: "A-9", in: result, language: .en)
        }
        #expect(UnknownApplicantError(applicant: "A-9").description.contains("A-9"))
    }

    @Test("explaining every application gives the same as one at a time, whatever the scheduling")
    func explainAllIsDeterministic() throws {
        let rows =
            (1...9).map { i in
                Fixtures.applicationRow(
                    "A-\(i)",
                    [
                        "submitted_at": Self.at(i), "request": i % 3 == 0 ? "dsa" : "either",
                        "country": ["SEN", "NPL", "BOL", "EGY"][i % 4], "gender": i % 2 == 0 ? "male" : "female",
                        "contributions": String(i % 4), "ticket_cost": i % 3 == 0 ? "" : "\(1200 + 150 * i).00",
                    ])
            } + [Fixtures.applicationRow("A-10", ["complete": "no"])]
        let result = try Self.decide(rows, policy: "{\"budget\": 9000}")
        let first = try Explainer.explainAll(result, language: .zh)
        let second = try Explainer.explainAll(result, language: .zh)
        #expect(first.map(\.json.compact) == second.map(\.json.compact))
        #expect(first.count == 10)
        for (index, explanation) in first.enumerated() {
            let single = try Explainer.explain(applicationIndex: index, in: result, language: .zh)
            #expect(single.json.compact == explanation.json.compact)
        }
        let counter = ProgressCounter()
        _ = try Explainer.explainAll(result, language: .en, progress: { done, total in counter.record(done, total) })
        #expect(counter.calls == result.problem.candidates.count)
        #expect(counter.lastTotal == result.problem.candidates.count)
    }

    final class ProgressCounter: @unchecked Sendable {
        let lock = NSLock()
        var calls = 0
        var lastTotal = 0
        func record(_ done: Int, _ total: Int) {
            lock.lock()
            calls += 1
            lastTotal = total
            lock.unlock()
        }
    }
}
