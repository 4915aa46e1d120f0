import Foundation
import Testing

@testable import FellowshipCore
@testable import FellowshipStore

/// Decision letters: every outcome kind in every language, in the applicant's language by
/// default, naming no one but the applicant, with `lang` and `dir`, deterministic.
@Suite("Decision letters")
struct LetterTests {
    static let at = StoreFixtures.at

    /// Seven applications, one per language and an ineligible one: the budget funds some,
    /// not all; one asks for the DSA only.
    static let applications: String = {
        let rows: [(String, [String: String], String)] = [
            ("A-1", ["submitted_at": at(1), "request": "ticket", "country": "SEN", "contributions": "3"], "ar"),
            (
                "A-2",
                [
                    "submitted_at": at(2), "request": "dsa", "ticket_cost": "", "country": "NPL", "gender": "male",
                    "contributions": "3",
                ], "es"
            ),
            ("A-3", ["submitted_at": at(3), "request": "ticket", "country": "BOL"], "fr"),
            ("A-4", ["submitted_at": at(4), "request": "ticket", "country": "EGY", "gender": "male"], "ru"),
            ("A-5", ["submitted_at": at(5), "request": "ticket", "country": "SEN", "contributions": "0"], "zh"),
            ("A-6", ["submitted_at": at(6), "request": "ticket", "country": "FRA"], ""),
            (
                "A-7",
                ["submitted_at": at(7), "request": "dsa", "ticket_cost": "", "country": "NPL", "contributions": "0"],
                "en"
            ),
        ]
        let lines = rows.map { Fixtures.applicationRow($0.0, $0.1) + "," + $0.2 }
        return ([Fixtures.applicationsHeader + ",language"] + lines).joined(separator: "\n") + "\n"
    }()

    static func sources() -> RunSources {
        RunSources(
            // A DSA of 5 days at 100.00, cheaper than a ticket, so both components are awarded.
            meeting: Fixtures.source(
                "meeting.json",
                Fixtures.meetingJSON
                    .replacingOccurrences(of: "\"dsa_per_day\": 320.00", with: "\"dsa_per_day\": 100.00")
                    .replacingOccurrences(of: "\"dsa_days\": 12", with: "\"dsa_days\": 5")),
            applications: Fixtures.source("applications.csv", applications),
            policy: Fixtures.source("policy.json", "{\"budget\": 5500}"),
            countries: Fixtures.source("countries.csv", Fixtures.countriesCSV), budgetOverride: nil)
    }

    /// A run and its follow-up after the first award was declined: between them every kind
    /// of letter.
    static func runs() throws -> (StoredRun, StoredRun) {
        let store = try RunStore.inMemory()
        let parent = try store.allocate(sources())
        let decliner = try #require(parent.result.decisions.first { $0.outcome == .awarded }).applicant
        let followUp = try store.decline(runID: parent.id, applicationID: decliner).followUp
        return (parent, followUp)
    }

    /// The text of an article without its tags (entities left as they are).
    static func text(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
    }

    @Test("the language column is read, stored and chooses each applicant's language")
    func applicantLanguage() throws {
        let (parent, _) = try Self.runs()
        let languages = parent.inputs.applications.map(\.language.rawValue)
        #expect(languages == ["ar", "es", "fr", "ru", "zh", "en", "en"])
        let letters = try LetterWriter.letters(parent)
        #expect(letters.map(\.language.rawValue) == languages)
        for letter in letters {
            #expect(letter.article.contains("lang=\"\(letter.language.rawValue)\""))
            #expect(letter.article.contains("dir=\"\(letter.language.rawValue == "ar" ? "rtl" : "ltr")\""))
        }
    }

    @Test("every outcome kind in every language: complete, filled, naming no one else", arguments: Language.allCases)
    func everyKindEveryLanguage(_ language: Language) throws {
        let (parent, followUp) = try Self.runs()
        let pack = language.pack
        var kinds: Set<DecisionLetter.Kind> = []
        var components: Set<Component> = []
        for run in [parent, followUp] {
            let letters = try LetterWriter.letters(run, language: language)
            #expect(letters.count == run.inputs.applications.count)
            for (letter, decision) in zip(letters, run.result.decisions) {
                kinds.insert(letter.kind)
                if let component = decision.component, letter.kind == .awarded { components.insert(component) }
                let text = Self.text(letter.article)
                #expect(
                    !text.contains("{") && !text.contains("}"), "\(language) \(letter.applicant): a placeholder is left"
                )
                let ids = Set(text.matches(of: /A-\d+/).map { String($0.output) })
                #expect(ids == [letter.applicant], "\(language) \(letter.applicant) names \(ids)")
                #expect(!text.contains("Name A-"), "a name appears in \(letter.applicant)'s letter")
                #expect(letter.article.contains("lang=\"\(language.rawValue)\" dir=\"\(pack.direction)\""))
                let subject = LetterText.escape(pack.letter("subject.\(letter.kind.rawValue)"))
                #expect(letter.article.contains(subject))
                #expect(letter.article.contains(LetterText.escape(pack.letter("signature"))))
                switch letter.kind {
                case .awarded:
                    let cost = try #require(decision.cost)
                    #expect(
                        text.contains(LetterText.escape(pack.money(cost, currency: "CHF"))), "\(language): the amount")
                    let covers = decision.component == .dsa ? "next.dsa" : "next.ticket"
                    #expect(letter.article.contains(LetterText.escape(pack.letter(covers))))
                    #expect(letter.article.contains(LetterText.escape(pack.letter("next.travel"))))
                case .notAwarded:
                    #expect(letter.article.contains(LetterText.escape(pack.letter("reasons.heading"))))
                case .ineligible:
                    #expect(letter.article.contains(LetterText.escape(pack.label("gate_reason.country_not_eligible"))))
                case .declined:
                    #expect(letter.article.contains("<bdi>\(letter.applicant)</bdi>"))
                }
            }
        }
        #expect(kinds == Set(DecisionLetter.Kind.allCases), "\(language): kinds \(kinds)")
        #expect(components == [.ticket, .dsa], "\(language): components \(components)")
    }

    @Test("a regret letter states the score, the margin and the constraint in plain words")
    func regretReasons() throws {
        let (parent, _) = try Self.runs()
        let letters = try LetterWriter.letters(parent, language: .en)
        let regrets = letters.filter { $0.kind == .notAwarded }
        #expect(!regrets.isEmpty)
        for letter in regrets {
            let text = Self.text(letter.article)
            #expect(text.contains("Under the published criteria your application scored"))
            #expect(text.contains("short of a fellowship") || text.contains("tied with"))
        }
    }

    @Test("letters are the same bytes when written twice; all.html breaks pages between letters")
    func deterministic() throws {
        let (parent, _) = try Self.runs()
        let first = try LetterWriter.letters(parent)
        let second = try LetterWriter.letters(parent)
        #expect(first == second)
        let all = LetterDocument.all(first, title: "Letters")
        #expect(all.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(all.components(separatedBy: "<article class=\"letter").count == first.count + 1)
        #expect(all.contains("break-after: page") && all.contains("size: A4"))
        let single = LetterDocument.single(first[0])
        #expect(single.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(try LetterWriter.letters(parent, applicants: ["A-3"]).map(\.applicant) == ["A-3"])
        #expect(throws: UnknownApplicantError.self) { try LetterWriter.letters(parent, applicants: ["A-99"]) }
    }

    @Test("the applicant's own explanation names no other application, in every language")
    func privateExplanation() throws {
        let (parent, _) = try Self.runs()
        let explanations = try Explainer.explainAll(parent.result, language: .en, base: parent.conditions)
        let naming = explanations.filter { !$0.wouldDisplace.isEmpty || !$0.alternativeAdds.isEmpty }
        #expect(!naming.isEmpty, "the fixture should have an explanation that names others")
        for explanation in explanations {
            for language in Language.allCases {
                let own = explanation.translated(to: language).forApplicant()
                let ids = Set(own.text.matches(of: /A-\d+/).map { String($0.output) })
                #expect(ids.isSubset(of: [explanation.applicant]), "\(language) \(explanation.applicant): \(ids)")
                #expect(own.wouldDisplace.isEmpty && own.alternativeAdds.isEmpty)
                #expect(
                    own.json.compact.contains(
                        "\"withheld\":{\"would_displace\":\(explanation.wouldDisplace.count),\"alternative_adds\":\(explanation.alternativeAdds.count)}"
                    ))
                #expect(
                    !own.json.compact.contains("\"A-")
                        || Set(own.json.compact.matches(of: /A-\d+/).map { String($0.output) }) == [
                            explanation.applicant
                        ])
                #expect(!own.text.contains("{"))
            }
        }
    }

    @Test("the stored ZIP is a valid archive: CRC-32 check value, signatures and the directory")
    func storedZip() throws {
        #expect(StoredZip.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        var archive = StoredZip()
        try archive.add("A-1.html", Array("<p>مرحبا</p>".utf8))
        try archive.add("all.html", Array("x".utf8))
        let bytes = archive.bytes
        #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
        let end = Array(bytes.suffix(22))
        #expect(Array(end.prefix(4)) == [0x50, 0x4B, 0x05, 0x06])
        #expect(end[10] == 2)
        let directoryOffset = Int(end[16]) | Int(end[17]) << 8 | Int(end[18]) << 16 | Int(end[19]) << 24
        #expect(Array(bytes[directoryOffset..<directoryOffset + 4]) == [0x50, 0x4B, 0x01, 0x02])
        #expect(archive.bytes == bytes)
    }

    @Test(
        "values in letters are escaped per scalar as the pages' are: a quote or < followed by a combining mark stays escaped, bidi controls are shown as codes"
    )
    func escapingPerScalar() {
        let hostile = "Meeting \"\u{301} onload=x <\u{301}script> & 'it' \u{202E}evil\u{2066}"
        let escaped = LetterText.escape(hostile)
        #expect(!escaped.unicodeScalars.contains("\""))
        #expect(!escaped.unicodeScalars.contains("<"))
        #expect(!escaped.unicodeScalars.contains("'"))
        #expect(!escaped.unicodeScalars.contains("\u{202E}"))
        #expect(
            escaped
                == "Meeting &quot;\u{301} onload&#61;x &lt;\u{301}script&gt; &amp; &#39;it&#39; [U+202E]evil[U+2066]")
    }
}
