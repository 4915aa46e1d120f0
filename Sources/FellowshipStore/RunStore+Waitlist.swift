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

extension Explainer {
    /// The waitlist of a result decided afresh, or its first `limit` places, exactly
    /// (`WaitlistSearch`); the margins needed are computed in parallel.
    public static func waitlist(
        _ result: AllocationResult, base: AllocationModel.Conditions = .init(), limit: Int?,
        progress: ProgressReporter? = nil
    ) throws -> (entries: [WaitlistEntry], total: Int) {
        try WaitlistSearch.top(
            limit ?? Int.max, result: result, base: base,
            margins: { ranks in
                try margins(
                    of: ranks, result: result, base: base,
                    progress: limit == nil
                        ? progress.map { report in
                            { @Sendable done, total in report(RunProgress(.margins, done: done, total: total)) }
                        } : nil)
            },
            decidesTies: true,
            progress: limit == nil ? nil : progress)
    }
}
