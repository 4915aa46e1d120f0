import FellowshipCore

/// The row and the `margin` event a computed margin is kept as, built once for every store.
enum MarginRows {
    static func record(_ result: MarginResult, of run: StoredRun, at: String) -> MarginRecord {
        MarginRecord(
            runID: run.id, rank: result.rank, applicationID: run.result.problem.candidates[result.rank].id,
            kind: result.margin.kind.rawValue, value: result.margin.value, optimum: result.margin.optimum,
            alternativeOptimum: result.margin.alternativeOptimum, method: result.method.rawValue,
            exact: result.margin.isExact,
            changes: result.alternative.map { changes($0, from: run.result.allocation) },
            seconds: result.seconds, computedAt: at)
    }

    /// The `margin` event of `result`, recording `hash`, the SHA-256 of its row as stored.
    static func entry(_ result: MarginResult, of run: StoredRun, rowHash hash: String) -> ChainEntry {
        ChainEntry(
            runID: run.id, kind: .margin,
            payload: [
                ("run", .string(run.id)), ("application", .string(run.result.problem.candidates[result.rank].id)),
                ("rank", .integer(result.rank)),
                ("kind", .string(result.margin.kind.rawValue)),
                ("margin", result.margin.value.map(JSONValue.real) ?? .null),
                ("method", .string(result.method.rawValue)), ("exact", .bool(result.margin.isExact)),
                ("margin_sha256", .string(hash)),
            ])
    }

    /// `allocation` written as its differences from `published`.
    static func changes(_ allocation: Allocation, from published: Allocation) -> String {
        JSONValue.array(
            allocation.indices.compactMap { rank -> JSONValue? in
                guard allocation[rank] != published[rank] else { return nil }
                return .array([.integer(rank), allocation[rank].map { .string($0.rawValue) } ?? .null])
            }
        ).compact
    }
}
