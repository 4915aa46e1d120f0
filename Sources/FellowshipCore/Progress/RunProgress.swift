/// Where a long piece of work stands: a phase and, when it is counted, how much of it is done.
///
/// The core reports progress as these small values through a `ProgressReporter` callback; the
/// command line shows them on standard error in a terminal only, and the service may show them
/// on a run's status page. A reporter must be cheap and thread-safe: margins call it from
/// their worker threads.
public struct RunProgress: Sendable, Equatable, CustomStringConvertible {
    /// The phases of the commands that take long, in the order `allocate` goes through them.
    public enum Phase: String, Sendable, CaseIterable {
        /// Started, and waiting for its turn (the service's run status page).
        case queued
        /// Reading and checking the input files.
        case reading
        /// Applying the eligibility gates and scoring.
        case screening
        /// Solving the allocation model, number of awards by number of awards.
        case solving
        /// Writing the decisions to the store.
        case storing
        /// Computing the margins of MODEL.md section 6 (and storing them, for a stored run).
        case margins
        /// Explaining decisions (`explain --all`).
        case explaining
        /// Ranking the not-awarded applications (`waitlist`).
        case waitlist
        /// Solving the budget points of a scenario sweep (`simulate`).
        case scenarios
    }

    public var phase: Phase
    /// Units done so far (margins, points, counts); 0 when the phase is not counted.
    public var done: Int
    /// Units in the phase; 0 when the phase is not counted.
    public var total: Int

    public init(_ phase: Phase, done: Int = 0, total: Int = 0) {
        self.phase = phase
        self.done = done
        self.total = total
    }

    /// "margins 12/140", or just the phase when it is not counted.
    public var description: String { total > 0 ? "\(phase.rawValue) \(done)/\(total)" : phase.rawValue }
}

/// Receives progress; called from any thread.
public typealias ProgressReporter = @Sendable (RunProgress) -> Void
