import ArgumentParser
import FellowshipCore
import FellowshipStore
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check and read the audit chain of the store.",
        discussion: """
            Every stored run writes append-only events (run started, inputs, the gates of each \
            application, the solver's result, each decision with its reasons and margin, run \
            committed; declines). Each event holds the SHA-256 of the event before it and of its \
            own canonical JSON, so changing, removing, inserting or reordering events, or cutting \
            the tail off, breaks the chain. Events hold application and person ids and hashes, \
            never names or genders. The chain is defined in docs/audit.md.

            Example:
              fellowship audit verify --db fellowship.sqlite
              fellowship audit runs
              fellowship audit show --run 3f2a9c1e
            """,
        subcommands: [Verify.self, Show.self, Runs.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the chain; exit 1 naming the first bad event if anything was tampered with.",
            discussion: """
                Recomputes every event's hash and link, checks that the chain head names the last \
                event, that each run's events run from run_started to a run_committed stating \
                their count, that every run row and its decisions hash to what run_committed \
                recorded, that declines match their events, that stored inputs match their \
                SHA-256 and that the append-only triggers are in place. It relies on no trigger.

                Prints `audit chain intact: N events, M runs` and the head (exit 0), or `audit \
                chain broken:` with the first bad event, then any further problems (exit 1). Note \
                the head hash somewhere outside the store (minutes, mail): --expect-head checks \
                later that it is still in the chain, which also catches a chain rewritten from \
                scratch.

                Example:
                  fellowship audit verify --db fellowship.sqlite
                  fellowship audit verify --expect-head 9b1c…(64 hex digits)
                  fellowship audit verify --expect-head out/decisions.json

                --expect-head also takes a file that carries an anchor (the `chain_head` member \
                of a stored run's decisions.json: the sequence number and hash of the run's \
                run_committed event); the chain must still hold that event with that hash, \
                which catches a store cut back to before the run (docs/audit.md, "Anchors").
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(
            name: .customLong("expect-head"),
            help: ArgumentHelp(
                "An event hash noted earlier, or a file carrying an anchor (a stored run's decisions.json), that must still be in the chain.",
                valueName: "sha256|file"))
        var expectHead: String?

        func run() throws {
            let anchor = try expectHead.flatMap(ExpectedHead.anchor)
            let report = try StoreTerminal.run {
                let opened = try store.open()
                return try anchor.map(opened.verify(anchor:)) ?? opened.verify(expectedHead: expectHead)
            }
            if report.isIntact {
                print(
                    "audit chain intact: \(report.events) event\(report.events == 1 ? "" : "s"), \(report.runs) run\(report.runs == 1 ? "" : "s")"
                )
                print("head: event \(report.headSeq) \(report.headHash)")
                return
            }
            print("audit chain broken: \(report.problems[0].message)")
            if report.problems.count > 1 {
                print("\(report.problems.count - 1) further problem\(report.problems.count == 2 ? "" : "s"):")
                for problem in report.problems.dropFirst() { print("  " + problem.message) }
            }
            throw ExitCode(1)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a run's events readably: seq, time, kind, summary.",
            discussion: """
                Lists the events of the run, from run_started to run_committed, and later events \
                about it (a decline and its follow-up run, explanations viewed). --run takes the \
                run id printed by `allocate --db` or `decline`, or a unique start of it (at least \
                4 characters).

                Example:
                  fellowship audit show --run 3f2a9c1e --db fellowship.sqlite
                  fellowship audit show --run 3f2a9c1e --kind decision --kind solver_result
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("run"), help: ArgumentHelp("The run id (or a unique start of it).", valueName: "id"))
        var runID: String

        @Option(help: ArgumentHelp("Show only events of this kind (repeatable).", valueName: "kind"))
        var kind: [String] = []

        @Flag(help: "Print the stored events as JSON lines (seq, at, run, kind, payload, prev, hash).")
        var json = false

        func validate() throws {
            let known = AuditEventKind.allCases.map(\.rawValue)
            for name in kind where !known.contains(name) {
                throw ValidationError("--kind: unknown kind \"\(name)\"; one of \(known.joined(separator: ", "))")
            }
        }

        func run() throws {
            let (summary, events) = try StoreTerminal.run { () throws -> (RunSummary, [AuditEvent]) in
                let opened = try store.open()
                let id = try opened.resolveRunID(runID)
                let summary = try opened.runs().first { $0.id == id }!
                return (summary, try opened.events(runID: id))
            }
            let shown = kind.isEmpty ? events : events.filter { kind.contains($0.kind) }
            if json {
                for event in shown {
                    print(
                        "{\"seq\":\(event.seq),\"at\":\(JSONValue.quote(event.at)),\"run\":\(event.runID.map(JSONValue.quote) ?? "null"),\"kind\":\(JSONValue.quote(event.kind)),\"payload\":\(event.payload),\"prev\":\(JSONValue.quote(event.previousHash)),\"hash\":\(JSONValue.quote(event.hash))}"
                    )
                }
                return
            }
            print(
                "Run \(summary.id): number \(summary.number), \(summary.kind.rawValue) of \(summary.meetingID) (FY \(summary.financialYear))"
                    + (summary.parentRunID.map { ", following run \($0)" } ?? "")
                    + (summary.superseded
                        ? "; superseded by a later run of the meeting" : "; the meeting's current run"))
            print(
                "\(summary.status), V = \(JSONValue.formatReal(summary.value)), \(summary.awards) awards, spent \(summary.spent.decimalText), committed \(summary.committedAt)"
            )
            print("")
            let rows = shown.map { [String($0.seq), $0.at, $0.kind, $0.summary] }
            for line in TextTable.render(header: ["Seq", "Time", "Kind", "Summary"], rows: rows) {
                print(line)
            }
        }
    }

    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stored runs, oldest first.",
            discussion: """
                A run is superseded when a later run of the same meeting (a re-run, or the \
                follow-up of a decline) replaced it; only a meeting's current run counts toward \
                the financial-year limit of other meetings.

                Example:
                  fellowship audit runs --db fellowship.sqlite
                """
        )

        @OptionGroup var store: StoreOptions

        func run() throws {
            let runs = try StoreTerminal.run { try store.open().runs() }
            let rows = runs.map { run in
                [
                    String(run.number), run.id, run.kind.rawValue, run.meetingID, String(run.financialYear), run.status,
                    JSONValue.formatReal(run.value), String(run.awards), run.spent.decimalText,
                    run.superseded ? "superseded" : "current", run.committedAt,
                ]
            }
            for line in TextTable.render(
                header: ["No", "Run", "Kind", "Meeting", "FY", "Status", "V", "Awards", "Spent", "State", "Committed"],
                rows: rows, rightAligned: [6, 7, 8])
            {
                print(line)
            }
        }
    }
}
