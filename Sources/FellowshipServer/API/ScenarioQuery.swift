import FellowshipCore
import FellowshipStore
import Foundation
import HTTPTypes

/// A scenario sweep asked for in a query (the API's and the scenario page's GET form): the
/// options of `fellowship simulate`, by the same names.
struct ScenarioQuery: Sendable {
    /// `budgets=20000,40000` (repeatable), as `--budgets`.
    var budgets: [String]
    /// `budget_range=20000:80000:5000` (repeatable), as `--budget-range`.
    var ranges: [String]
    /// `set=country_cap=1` (repeatable), as `--set`.
    var sets: [String]
    /// `variant=cap1:country_cap=1` (repeatable), as `--variant`.
    var variants: [String]

    /// The most points (budgets × variants) one request may ask for: a sweep occupies the
    /// cores, so a reading must not be able to hold them for minutes.
    static let maximumPoints = 200

    static let fields = ["budgets", "budget_range", "set", "variant"]

    init(_ fields: FormFields) {
        budgets = fields.all("budgets")
        ranges = fields.all("budget_range")
        sets = fields.all("set")
        variants = fields.all("variant")
    }

    var isEmpty: Bool { budgets.isEmpty && ranges.isEmpty }

    /// The `solver.*` keys asked for in `set` and `variant`: refused, since a reading may not
    /// change how long or how hard the shared solver works (`solver.time_limit` …).
    var solverKeys: [String] {
        let assignments =
            sets
            + variants.flatMap { variant -> [Substring] in
                let body = variant.split(separator: ":", maxSplits: 1).dropFirst().first ?? ""
                return body.split(separator: ",")
            }.map(String.init)
        return assignments.compactMap { assignment in
            let key =
                assignment.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
                ?? ""
            return key.hasPrefix("solver.") ? key : nil
        }
    }

    /// Simulates on the meeting's current inputs, in the solver pool; 422 for bad options or
    /// inputs or `solver.*` settings, 503 when the pool is full. When `client` goes away the
    /// sweep leaves the queue, or stops after the solves in progress.
    func run(meetingID: String, store: any ServiceStore, pool: SolverPool, client: ClientConnection?) async throws
        -> ScenarioSweep
    {
        if isEmpty {
            throw ServiceError(
                .unprocessableContent, "give the budgets to try: budgets=20000,40000 or budget_range=20000:80000:5000")
        }
        let refused = solverKeys
        if !refused.isEmpty {
            throw ServiceError(
                .unprocessableContent,
                "solver settings may not be changed by a scenario request; the service's own are used",
                problems: refused.map { "\($0): not allowed here" })
        }
        let query = self
        return try await ClientConnection.whileConnected(client) {
            try await query.sweep(meetingID: meetingID, store: store, pool: pool)
        }
    }

    private func sweep(meetingID: String, store: any ServiceStore, pool: SolverPool) async throws -> ScenarioSweep {
        let query = self
        return try await pool.run(stoppable: { work in
            let sources = try store.meetingSources(id: meetingID)
            let inputs = try sources.load()
            let budgets = try BudgetList.parse(lists: query.budgets, ranges: query.ranges).get()
            let lines = try PolicyOverrides.variants(policy: sources.policy, sets: query.sets, variants: query.variants)
            let points = Set(budgets).count * lines.count
            guard points <= Self.maximumPoints else {
                throw ServiceError(
                    .unprocessableContent,
                    "\(points) points (budgets × variants) asked for; at most \(Self.maximumPoints) per request")
            }
            return try ScenarioSimulator.run(
                inputs: inputs, variants: lines, budgets: budgets,
                progress: { step in if step.stage == "budgets" { work.report(done: step.done, total: step.total) } },
                shouldStop: { work.isStopped })
        })
    }
}
