import Foundation
import Testing

@testable import FellowshipCore

/// A translator's file is checked at load with the project's JSON reader: every key missing
/// or left over and every bad placeholder is reported with the file and line, all in one
/// pass, and the file is refused rather than used half-read (no crash).
@Suite("Language files")
struct LanguageFileTests {
    static func englishText() throws -> String {
        let bundled = try #require(LanguagePack.Catalog.bundledDirectory)
        return try String(contentsOf: bundled.appendingPathComponent("en.json"), encoding: .utf8)
    }

    /// The 1-based line of the first occurrence of `needle` in `text`.
    static func line(of needle: String, in text: String) -> Int? {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains(needle) { return number + 1 }
        return nil
    }

    static func problems(_ text: String) -> [String] {
        do {
            _ = try LanguagePack(code: "xx", json: Data(text.utf8), file: "xx.json")
            return []
        } catch let error as LanguageFileError {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test("the six official languages load, each with every key, and nothing is refused")
    func sixLanguages() {
        #expect(Set(Language.allCases.map(\.rawValue)).isSuperset(of: ["ar", "en", "es", "fr", "ru", "zh"]))
        #expect(Language.loadingProblems.isEmpty, "\(Language.loadingProblems)")
        for language in Language.allCases {
            let pack = language.pack
            for key in LanguagePack.requiredLetterTexts {
                #expect(pack.letters[key] != nil, "\(language): letters.\(key)")
            }
            for key in LanguagePack.requiredPageTexts { #expect(pack.pages[key] != nil, "\(language): pages.\(key)") }
        }
        #expect(Language(rawValue: "ar")?.pack.direction == "rtl")
        #expect(Language.allCases.filter { $0.pack.direction == "rtl" }.map(\.rawValue) == ["ar"])
    }

    @Test("a missing key is reported at the line of its section, naming the key")
    func missingKey() throws {
        var text = try Self.englishText()
        let removed = try #require(
            text.range(of: "    \"outscored\": \"The applications funded are worth more under the policy.\",\n"))
        text.removeSubrange(removed)
        let line = try #require(Self.line(of: "\"templates\": {", in: text))
        #expect(Self.problems(text) == ["xx.json:\(line): templates.outscored: the text \"outscored\" is missing"])
    }

    @Test("an extra key, a bad placeholder and an open brace are each reported at their own line, all in one pass")
    func everyProblemAtOnce() throws {
        var text = try Self.englishText()
        text = text.replacingOccurrences(
            of: "\"salutation\": \"Dear delegate,\"",
            with: "\"salutation\": \"Dear {name},\",\n    \"salutaton\": \"Dear delegate,\"")
        text = text.replacingOccurrences(
            of: "\"closing\": \"Yours sincerely,\"", with: "\"closing\": \"Yours {sincerely,\"")
        let salutation = try #require(Self.line(of: "\"salutation\"", in: text))
        let misspelt = try #require(Self.line(of: "\"salutaton\"", in: text))
        let closing = try #require(Self.line(of: "\"closing\"", in: text))
        #expect(
            Self.problems(text) == [
                "xx.json:\(salutation): letters.salutation: unknown placeholder {name}; this text takes no placeholder",
                "xx.json:\(misspelt): letters.salutaton: unknown key: no text of this name is used (a misspelt key?)",
                "xx.json:\(closing): letters.closing: a \"{\" without its \"}\"",
            ])
    }

    @Test("a placeholder the key does not offer is refused in a plural form too, with the offered ones named")
    func pluralPlaceholder() throws {
        let text = try Self.englishText().replacingOccurrences(
            of: "\"one\": \"Its country already had {cap} fellowship, the most the policy allows per country.\"",
            with: "\"one\": \"Its country already had {caps} fellowship, the most the policy allows per country.\"")
        let line = try #require(Self.line(of: "{caps}", in: text))
        #expect(
            Self.problems(text) == [
                "xx.json:\(line): templates.blocked.country_cap.one: unknown placeholder {caps}; this text offers {cap}"
            ])
    }

    @Test("not JSON, a wrong plural category and a wrong type are located too")
    func malformed() throws {
        #expect(
            Self.problems("{\n  \"name\": \"X\",\n  oops\n}") == [
                "xx.json:3: (file): not valid JSON: expected a quoted key"
            ])
        let text = try Self.englishText()
            .replacingOccurrences(of: "\"one\": \"{n} point\"", with: "\"single\": \"{n} point\"")
            .replacingOccurrences(of: "\"signature\": \"The fellowships desk\"", with: "\"signature\": 7")
        let category = try #require(Self.line(of: "\"single\"", in: text))
        let signature = try #require(Self.line(of: "\"signature\"", in: text))
        let problems = Self.problems(text)
        #expect(
            problems.contains(
                "xx.json:\(category): labels.points.single: not a plural category (zero, one, two, few, many, other)"))
        #expect(
            problems.contains(
                "xx.json:\(signature): letters.signature: expected a string or an object of plural forms, got a number")
        )
    }

    @Test("a refused file is listed with its problems and the others still load")
    func refusedFileInCatalog() throws {
        let bundled = try #require(LanguagePack.Catalog.bundledDirectory)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fellowship-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = try Self.englishText().replacingOccurrences(
            of: "\"sign_out\": \"Sign out\"", with: "\"sign_out\": \"Sign {out}\"")
        try broken.write(to: directory.appendingPathComponent("kk.json"), atomically: true, encoding: .utf8)
        let catalog = LanguagePack.Catalog.load(from: [bundled, directory])
        #expect(catalog.packs["kk"] == nil)
        #expect(catalog.packs.count >= 6)
        let line = try #require(Self.line(of: "\"sign_out\"", in: broken))
        #expect(
            catalog.problems == [
                "\(directory.path)/kk.json:\(line): pages.sign_out: unknown placeholder {out}; this text takes no placeholder"
            ])
    }
}
