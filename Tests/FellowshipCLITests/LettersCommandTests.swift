import Foundation
import Testing

/// `fellowship letters` and the `language` column, run as a user would.
@Suite("fellowship letters", .serialized)
struct LettersCommandTests {
    typealias CLI = CommandLineTests
    static let fixture = CLI.root.appendingPathComponent("Tests/Letters/fixture")

    @Test("letters --run writes one letter per application in its language, and all.html")
    func writesLetters() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("store.sqlite").path
        let decisions = directory.appendingPathComponent("decisions.json").path
        let allocated = try CLI.run([
            "allocate", "--meeting", CLI.meeting,
            "--applications", Self.fixture.appendingPathComponent("applications.csv").path,
            "--policy", Self.fixture.appendingPathComponent("policy.json").path,
            "--countries", CLI.countries, "--db", db, "--out", decisions,
        ])
        #expect(allocated.status == 0, "\(allocated.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: decisions))) as? [String: Any])
        let run = try #require(document["run_id"] as? String)
        let out = directory.appendingPathComponent("letters").path
        let written = try CLI.run(["letters", "--run", String(run.prefix(8)), "--db", db, "--out", out])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr.contains("9 letters written"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == (1...9).map { String(format: "L-%04d.html", $0) } + ["all.html"])
        let first = try String(contentsOfFile: out + "/L-0001.html", encoding: .utf8)
        #expect(first.contains("<html lang=\"ar\" dir=\"rtl\">"))
        let sixth = try String(contentsOfFile: out + "/L-0006.html", encoding: .utf8)
        #expect(sixth.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(sixth.contains("its country is not eligible for fellowships"))
        let all = try String(contentsOfFile: out + "/all.html", encoding: .utf8)
        #expect(all.components(separatedBy: "<article class=\"letter").count == 10)

        let one = try CLI.run([
            "letters", "--run", run, "--db", db, "--out", out + "-fr", "--applicant", "L-0003", "--lang", "fr",
        ])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out + "-fr").sorted() == ["L-0003.html", "all.html"])
        #expect(try String(contentsOfFile: out + "-fr/L-0003.html", encoding: .utf8).contains("<html lang=\"fr\""))

        let unknown = try CLI.run(["letters", "--run", run, "--db", db, "--out", out, "--applicant", "L-9999"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no application \"L-9999\""))
        let badLanguage = try CLI.run(["letters", "--run", run, "--db", db, "--out", out, "--lang", "tlh"])
        #expect(badLanguage.status == 64)
        #expect(badLanguage.stderr.contains("--lang: no template file for \"tlh\""))
        let noStore = try CLI.run([
            "letters", "--run", run, "--db", directory.appendingPathComponent("none.sqlite").path, "--out", out,
        ])
        #expect(noStore.status == 66)

        // explain defaults to the applicant's language too.
        let explained = try CLI.run(["explain", "--run", run, "--db", db, "--applicant", "L-0004"])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("Заявка"))
        let shown = try CLI.run([
            "explain", "--run", run, "--db", db, "--all", "--viewed-by", "applicant", "--format", "json", "--lang",
            "en",
        ])
        #expect(shown.status == 0, "\(shown.stderr)")
        let lines = shown.stdout.split(separator: "\n").filter { $0.contains("\"applicant\"") }
        #expect(lines.count == 9)
        for line in lines {
            let ids = Set(line.matches(of: /L-\d{4}/).map { String($0.output) })
            #expect(ids.count == 1, "\(line.prefix(80))")
        }
    }

    @Test(
        "a language outside the six is an input error at FILE:LINE: language, with every other problem, nothing decided"
    )
    func badLanguageColumn() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = try String(contentsOf: Self.fixture.appendingPathComponent("applications.csv"), encoding: .utf8)
        text = text.replacingOccurrences(of: "yes,0,0,fr\n", with: "yes,0,0,FR\n")
            .replacingOccurrences(of: "yes,0,0,ru\n", with: "yes,0,0,klingon\n")
            .replacingOccurrences(
                of: "L-0005,P-0005,Test Person Five,female,SEN", with: "L-0005,P-0005,Test Person Five,female,XXX")
        let path = directory.appendingPathComponent("applications.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("decisions.json").path
        let result = try CLI.run([
            "allocate", "--meeting", CLI.meeting, "--applications", path,
            "--policy", Self.fixture.appendingPathComponent("policy.json").path,
            "--countries", CLI.countries, "--out", out,
        ])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                "\(path):4: language: expected one of ar, en, es, fr, ru, zh; got \"FR\" (empty means en)"))
        #expect(
            result.stderr.contains(
                "\(path):5: language: expected one of ar, en, es, fr, ru, zh; got \"klingon\" (empty means en)"))
        #expect(result.stderr.contains("\(path):6: country: unknown country \"XXX\""))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
