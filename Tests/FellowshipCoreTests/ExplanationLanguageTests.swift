import Foundation
import Testing

@testable import FellowshipCore

/// The template files: discovered from the files present, complete, and written with each
/// language's numbers, amounts, lists and plurals.
@Suite("Explanation languages")
struct ExplanationLanguageTests {
    @Test("English, French and Chinese are found, with their own names")
    func bundled() {
        let codes = Language.allCases.map(\.rawValue)
        #expect(codes.contains("en") && codes.contains("fr") && codes.contains("zh"))
        #expect(Language.loadingProblems.isEmpty, "\(Language.loadingProblems)")
        #expect(Language(rawValue: "fr") == .fr)
        #expect(Language(rawValue: "xx") == nil)
        #expect(Language.en.name == "English")
        #expect(Language.fr.name == "Français")
        #expect(Language.zh.name == "中文")
    }

    @Test("every language file defines every template and label", arguments: Language.allCases)
    func complete(_ language: Language) {
        let pack = language.pack
        for key in LanguagePack.requiredTemplates { #expect(pack.templates[key] != nil, "\(language): \(key)") }
        for key in LanguagePack.requiredLabels { #expect(pack.labels[key] != nil, "\(language): \(key)") }
    }

    @Test("numbers, amounts, lists and plurals follow the language")
    func formatting() {
        let en = Language.en.pack
        let fr = Language.fr.pack
        let zh = Language.zh.pack
        let amount = Money(cents: 6_000_000)
        #expect(en.money(amount, currency: "CHF") == "60,000.00 CHF")
        #expect(fr.money(amount, currency: "CHF") == "60\u{202f}000,00\u{a0}CHF")
        #expect(zh.money(amount, currency: "CHF") == "60,000.00 CHF")
        #expect(en.money(Money(cents: 98_765), currency: "CHF") == "987.65 CHF")
        #expect(en.number(4.5) == "4.5" && fr.number(4.5) == "4,5" && zh.number(4.5) == "4.5")
        #expect(en.number(1234567.25) == "1,234,567.25")
        #expect(fr.number(-0.046154) == "-0,046154")
        #expect(en.number(2.0 / 3.0) == "0.666667")
        #expect(en.points(1) == "1 point" && en.points(4.5) == "4.5 points" && en.points(0) == "0 points")
        #expect(fr.points(1.5) == "1,5\u{a0}point" && fr.points(2) == "2\u{a0}points" && fr.points(0) == "0\u{a0}point")
        #expect(zh.points(3) == "3分")
        #expect(en.list(["A-1"]) == "A-1")
        #expect(en.list(["A-1", "A-2"]) == "A-1 and A-2")
        #expect(en.list(["A-1", "A-2", "A-3"]) == "A-1, A-2 and A-3")
        #expect(fr.list(["A-1", "A-2", "A-3"]) == "A-1, A-2 et A-3")
        #expect(zh.list(["A-1", "A-2", "A-3"]) == "A-1、A-2和A-3")
    }

    @Test("the plural rules of CLDR for the official languages")
    func pluralRules() {
        typealias Rule = LanguagePack.PluralRule
        #expect(
            Rule.oneOther.category(1) == .one && Rule.oneOther.category(1.5) == .other
                && Rule.oneOther.category(0) == .other)
        #expect(
            Rule.french.category(0) == .one && Rule.french.category(1.99) == .one && Rule.french.category(2) == .other)
        #expect(Rule.none.category(1) == .other)
        #expect(
            Rule.eastSlavic.category(1) == .one && Rule.eastSlavic.category(21) == .one
                && Rule.eastSlavic.category(11) == .many)
        #expect(
            Rule.eastSlavic.category(3) == .few && Rule.eastSlavic.category(13) == .many
                && Rule.eastSlavic.category(2.5) == .other)
        #expect(Rule.arabic.category(0) == .zero && Rule.arabic.category(2) == .two && Rule.arabic.category(5) == .few)
        #expect(
            Rule.arabic.category(11) == .many && Rule.arabic.category(100) == .other
                && Rule.arabic.category(1.5) == .other)
    }

    @Test("a new language is a new file: it is discovered and used")
    func addingALanguage() throws {
        let bundled = try #require(LanguagePack.Catalog.bundledDirectory)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fellowship-languages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = try String(contentsOf: bundled.appendingPathComponent("en.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"name\": \"English\"", with: "\"name\": \"Español\"")
            .replacingOccurrences(
                of: "was eligible but was not awarded a fellowship",
                with: "cumplía los requisitos, pero no obtuvo una beca")
        try text.write(to: directory.appendingPathComponent("es.json"), atomically: true, encoding: .utf8)
        try "{\"name\": \"Broken\"}".write(
            to: directory.appendingPathComponent("xx.json"), atomically: true, encoding: .utf8)
        let catalog = LanguagePack.Catalog.load(from: [bundled, directory])
        #expect(Set(catalog.packs.keys).isSuperset(of: ["en", "fr", "zh", "es"]))
        #expect(catalog.packs["es"]?.name == "Español")
        #expect(
            catalog.packs["es"]?.sentence("outcome.not_awarded", ["applicant": "A-1"]).contains(
                "cumplía los requisitos") == true)
        #expect(catalog.packs["xx"] == nil)
        #expect(catalog.problems.contains { $0.contains("xx.json") })
    }

    @Test("a file missing a template is refused, naming it")
    func incompleteFile() throws {
        let bundled = try #require(LanguagePack.Catalog.bundledDirectory)
        let data = try Data(contentsOf: bundled.appendingPathComponent("en.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var templates = try #require(object["templates"] as? [String: Any])
        templates.removeValue(forKey: "score")
        object["templates"] = templates
        let broken = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: LanguageFileError.self) { try LanguagePack(code: "en", json: broken) }
        do {
            _ = try LanguagePack(code: "en", json: broken)
        } catch {
            #expect("\(error)".contains("templates.score: the text \"score\" is missing"))
        }
        var badRule = object
        badRule["templates"] = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])["templates"]
        badRule["plural_rule"] = "klingon"
        #expect(throws: LanguageFileError.self) {
            try LanguagePack(code: "en", json: try JSONSerialization.data(withJSONObject: badRule))
        }
    }
}
