import Foundation

/// Timing and count instrumentation of `ConditionedSolver`, for profiling (docs/performance.md,
/// "The many-awards regime against HiGHS"). Off unless the environment variable
/// `FELLOWSHIP_SOLVER_TRACE` is set to something other than `0` or the empty string; then one
/// line per phase goes to standard error. The lines hold counts, bounds, values and times only,
/// never an applicant's id, name or gender, so they are safe to paste into a report.
struct SolverTrace {
    /// The name of the environment variable that turns tracing on.
    static let variable = "FELLOWSHIP_SOLVER_TRACE"

    /// Read once per process: the variable is a debugging switch, not a per-call option.
    static let isEnabled: Bool = {
        guard let value = ProcessInfo.processInfo.environment[variable] else { return false }
        return !value.isEmpty && value != "0"
    }()

    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    /// Seconds spent per phase, in the order the phases first appeared.
    private var totals: [(phase: String, seconds: Double)] = []

    init() {
        start = clock.now
    }

    /// Seconds since this trace began.
    var elapsed: Double { Self.seconds(clock.now - start) }

    /// Writes one line (when tracing is on), prefixed with the time since the solve began.
    func log(_ message: @autoclosure () -> String) {
        guard Self.isEnabled else { return }
        let line = String(format: "[solver %7.3f s] ", elapsed) + message() + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Runs `body`, adding its wall-clock time to `phase`'s total; returns its result and time.
    mutating func measure<Result>(_ phase: String, _ body: () throws -> Result) rethrows -> (Result, Double) {
        let begin = clock.now
        let result = try body()
        let seconds = Self.seconds(clock.now - begin)
        if let index = totals.firstIndex(where: { $0.phase == phase }) {
            totals[index].seconds += seconds
        } else {
            totals.append((phase, seconds))
        }
        return (result, seconds)
    }

    /// Writes the totals per phase (when tracing is on).
    func summarize() {
        let phases = totals.map { "\($0.phase) " + String(format: "%.3f s", $0.seconds) }.joined(separator: ", ")
        log("total " + String(format: "%.3f s", elapsed) + ": " + phases)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
