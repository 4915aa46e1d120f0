public import FellowshipCore

extension RunStore {
    /// The waitlist of a stored run, or its first `limit` places (`WaitlistSearch`): stored
    /// margins are reused, the margins it needs and lacks are computed and stored.
    ///
    /// - Parameter stop: asked before each batch of margins; once it answers true the search
    ///   throws `CancellationError` (the margins stored by then stay stored).
    /// - Returns: the entries and the number of applications on the whole waitlist.
    public func waitlist(
        of run: StoredRun, limit: Int? = nil, progress: ProgressReporter? = nil, stop: (@Sendable () -> Bool)? = nil
    ) throws -> (entries: [WaitlistEntry], total: Int) {
        let known = try storedMargins(of: run).mapValues { $0.margin.value }
        return try WaitlistSearch.top(
            limit ?? Int.max, result: run.result, base: run.conditions, known: known,
            margins: { ranks in
                let margins = try self.margins(
                    of: run, ranks: ranks, progress: limit == nil ? progress : nil, stop: stop)
                if stop?() == true { throw CancellationError() }
                return margins
            },
            decidesTies: true, stop: stop,
            progress: limit == nil ? nil : progress)
    }
}
