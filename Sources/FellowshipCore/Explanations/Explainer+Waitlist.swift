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
