/// How far a run being decided has come: the phase it is in and, where the phase counts
/// steps, how many are done of how many. The service shows it on the run's status page.
///
/// Phases are named by a word (`checking`, `solving`, `margins`, `storing`), so a later
/// phase (another kind of work after the commit, say) is one more name, not a new type.
public struct RunProgress: Sendable, Equatable {
    public var phase: String
    public var done: Int
    /// 0 when the phase has no count of steps.
    public var total: Int

    public init(phase: String, done: Int = 0, total: Int = 0) {
        self.phase = phase
        self.done = done
        self.total = total
    }

    /// The phases `RunStore.allocate` reports, in order.
    public static let checking = "checking"
    public static let solving = "solving"
    public static let margins = "margins"
    public static let storing = "storing"
}

/// Where a long piece of work reports its progress (called from any thread).
public typealias RunProgressReport = @Sendable (RunProgress) -> Void
