import FellowshipCore
import FellowshipTestSupport
import Foundation
import Testing

/// Issue #11, point 15: the readers of the four files against hostile variants of the
/// sample. Each case either loads or fails with located problems (`FILE:LINE: column:
/// problem`, every line at least 1); nothing traps. A bounded number of cases, seeded.
@Suite("hostile inputs (fuzz, issue #11)")
struct InputFuzzTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static func data(_ relative: String) -> [UInt8] {
        [UInt8]((try? Data(contentsOf: root.appendingPathComponent(relative))) ?? Data())
    }
    static let files: [(name: String, bytes: [UInt8])] = [
        ("meeting.json", data("Data/meetings/sg20-2020-07.json")),
        ("applications.csv", data("Data/samples/sg20-2020-07/applications.csv")),
        ("policy.json", data("Data/policies/default.json")),
        ("countries.csv", data("Data/countries.csv")),
    ]

    /// How many cases per file (CI: a few seconds in a debug build).
    static let casesPerFile = 120

    @Test("every mutated file loads, or fails with located problems only")
    func readersNeverTrap() throws {
        #expect(Self.files.allSatisfy { !$0.bytes.isEmpty })
        var failures: [String] = []
        var outcomes: [String: Int] = [:]
        for (index, target) in Self.files.enumerated() {
            for number in 0..<Self.casesPerFile {
                let (kind, mutated) = InputMutator.mutate(target.bytes, case: number)
                var sources = Self.files.map { InputSource(name: $0.name, bytes: $0.bytes) }
                sources[index] = InputSource(name: target.name, bytes: mutated)
                do {
                    _ = try InputLoader.load(
                        meeting: sources[0], applications: sources[1], policy: sources[2], countries: sources[3])
                    outcomes["loaded", default: 0] += 1
                } catch {
                    outcomes["refused", default: 0] += 1
                    if error.problems.isEmpty {
                        failures.append("\(target.name) case \(number) (\(kind)): refused without a problem")
                    }
                    for problem in error.problems
                    where problem.line < 1 || problem.file.isEmpty || problem.column.isEmpty || problem.message.isEmpty
                    {
                        failures.append("\(target.name) case \(number) (\(kind)): unlocated problem \(problem)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
        #expect(outcomes["refused", default: 0] > 0)
    }
}
