import ArgumentParser
import FellowshipCore
import FellowshipStore
import Foundation

/// `fellowship letters`: the decision letters of a stored run, one printable HTML file per
/// application and `all.html` for printing them all (docs/letters.md).
struct LettersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters",
        abstract: "Write the decision letters of a stored run, one printable HTML file per application.",
        discussion: """
            Writes DIR/<application id>.html for every application of the run (or those given \
            with --applicant), each in the applicant's language (the language column of \
            applications.csv; English when absent), and DIR/all.html with every letter written, \
            a page break after each, for printing on A4. --lang writes every letter in one \
            language instead. Award letters state the meeting, the fellowship (ticket or DSA, \
            what it covers, the amount) and what to do next; regret and ineligibility letters \
            state the reasons. No letter names another applicant.

            Existing files of the same names in DIR are replaced; other files are left alone.

            Exit status: 64 bad command line, 65 unknown applicant, 66 the store does not \
            exist, 73 DIR cannot be written, 74 the store cannot be read.

            Examples:
              fellowship letters --run 3f2a9c1e --out letters/
              fellowship letters --run 3f2a9c1e --applicant A-0001 --lang fr --out /tmp/letters
            """
    )

    @Option(
        name: .customLong("run"),
        help: ArgumentHelp("The stored run (its id, or a unique start of it).", valueName: "id"))
    var runID: String

    @Option(help: ArgumentHelp("Write only this application's letter (repeatable).", valueName: "id"))
    var applicant: [String] = []

    @Option(help: ArgumentHelp("The folder to write the letters into (created if missing).", valueName: "dir"))
    var out: String

    @Option(
        help: ArgumentHelp("Write every letter in this language instead of each applicant's own.", valueName: "code"))
    var lang: String?

    @Option(name: .customLong("db"), help: ArgumentHelp("The store holding --run.", valueName: "file"))
    var db: String = RunStore.defaultPath

    func validate() throws {
        if let lang, Language(rawValue: lang) == nil {
            let available = Language.allCases.map(\.rawValue).joined(separator: ", ")
            let problems =
                Language.loadingProblems.isEmpty
                ? "" : "; refused files: " + Language.loadingProblems.joined(separator: "; ")
            throw ValidationError("--lang: no template file for \"\(lang)\" (available: \(available))\(problems)")
        }
        if out.isEmpty { throw ValidationError("--out: give the folder to write the letters into") }
    }

    func run() throws {
        for problem in Language.loadingProblems { Terminal.printError("language file refused: \(problem)") }
        let (run, anchor) = try StoreTerminal.run {
            let store = try RunStore(path: db, create: false)
            let run = try store.loadRun(id: try store.resolveRunID(runID))
            return (run, try store.chainAnchor(runID: run.id))
        }
        let letters: [DecisionLetter]
        do {
            letters = try LetterWriter.letters(
                run, applicants: applicant, language: lang.flatMap(Language.init(rawValue:)))
        } catch let error as UnknownApplicantError {
            Terminal.printError("no application \"\(error.applicant)\" in run \(run.id)")
            throw ExitCode(Terminal.dataErrorStatus)
        }
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            Terminal.printError("cannot create \(out): \(error.localizedDescription)")
            throw ExitCode(Terminal.cannotCreateStatus)
        }
        for letter in letters {
            try Terminal.writeAtomically(
                LetterDocument.single(letter, anchor: anchor),
                to: directory.appendingPathComponent(letter.fileName).path)
        }
        let title = "Decision letters, \(run.meetingID), run \(run.id)"
        try Terminal.writeAtomically(
            LetterDocument.all(letters, title: title, anchor: anchor),
            to: directory.appendingPathComponent("all.html").path)
        let count = letters.count
        FileHandle.standardError.write(
            Data("\(count) letter\(count == 1 ? "" : "s") written to \(out) (and all.html)\n".utf8))
    }
}
