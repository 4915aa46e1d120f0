import LinearProgramming

/// How `ConditionedSolver` sets GLPK for its two kinds of branch and bound, measured in the
/// many-awards regime and on the fixed-budget instances (docs/performance.md, "The many-awards
/// regime against HiGHS").
///
/// Neither setting can change a published optimum: a heuristic search only proposes an
/// allocation (checked exactly, used as the value to beat, never as a bound), and an exact
/// search still runs to GLPK's proof, whatever order it visits the tree in.
enum SearchSettings {
    /// A heuristic search stops once its allocation is within this fraction of its own bound
    /// (GLPK's relative MIP gap). Solved to the end, the heuristic at the best count of a
    /// 3,000-application meeting took 41 of the 42 s of the whole solve, mostly proving an
    /// optimum that the exact searches prove again anyway.
    static let heuristicGap = 1e-4

    /// A heuristic search also stops after this many branch-and-bound nodes (a node limit,
    /// not a time limit, so that it stops at the same allocation on every run whatever the
    /// load: the allocation it returns can decide which of several optima the tie rule starts
    /// from). Without it, one heuristic of a 2,000-application meeting took the whole 60 s
    /// time limit and left no time for the exact searches.
    static let heuristicNodeLimit = 2000

    /// A heuristic search at a count gives the components that the count's LP reduced costs
    /// force on every allocation within this many points of its bound (reduced-cost fixing
    /// at the upper bound, `ConditionedSolver.forcedComponents`). On the two worst instances
    /// of the many-awards regime (800 applications, seeds 8 and 9) the heuristic went from
    /// 0.084 to 0.034 s and 0.214 to 0.089 s with the same allocations; 0.5 and 2 points were
    /// measured too (0.028/0.114 s and 0.037/0.104 s).
    static let heuristicForcingDepth = 1.0

    /// Beyond the candidates where a margin's start and a count's relaxation disagree, a
    /// neighbourhood search frees this many of the left-out candidates and as many of the held
    /// ones (`Neighbourhood`). Nodes of the exact searches on 40 margins of three generated
    /// meetings (1,500 applications twice, 800): 115,015 freeing none, 110,351 freeing 5,
    /// 107,451 freeing 10, 107,347 freeing 20 (slower on the second 1,500 meeting).
    static let neighbourhoodWidth = 10

    /// Margins search neighbourhoods only when the problem kept by dominance has at least this
    /// many candidates. A neighbourhood search costs about as much as one small exact search
    /// (2 to 4 ms); on small meetings the exact searches are already that cheap, and the
    /// searches cost more than they save: on the sample (139 candidates) `explain --all` spent
    /// 0.6 s on them to save 0.15 s, on a 400-application meeting (257 candidates) they broke
    /// even, and from 500 candidates on they saved 20 to 30 % (docs/performance.md, "Sixth
    /// pass").
    static let neighbourhoodMinimumCandidates = 300

    /// Options of a heuristic search: the run's, stopping at `heuristicGap` or after
    /// `heuristicNodeLimit` nodes. The run's own gap applies when it is larger.
    static func heuristic(_ options: SolverOptions) -> SolverOptions {
        var options = options
        options.relativeMIPGap = max(options.relativeMIPGap, heuristicGap)
        options.nodeLimit = heuristicNodeLimit
        return options
    }

    /// Whether a heuristic search at a count whose LP bound is `bound` can still be worth its
    /// time when the best allocation known has value `best`: not when the bound is within the
    /// heuristic's own gap of it, since the search may then stop without improving on `best`
    /// after spending as long as the exact search that settles the count.
    static func heuristicMayImprove(bound: Double, best: Double) -> Bool {
        bound - best > heuristicGap * max(1, abs(best))
    }

    /// Options of an exact search (a count's model with the value to beat as a row): the run's,
    /// with best-projection backtracking and no cuts. These models are small (about 100 to
    /// 250 candidates after reduced-cost fixing) and their LP bound is already tight; GLPK's
    /// cuts cost more than they prune there, and best projection reaches the allocations that
    /// settle the count sooner than best local bound.
    static func exact(_ options: SolverOptions) -> SolverOptions {
        var options = options
        options.backtracking = .bestProjection
        options.cuts = []
        return options
    }
}
