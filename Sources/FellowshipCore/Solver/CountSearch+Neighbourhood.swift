import LinearProgramming

extension CountSearch {
    /// Phase 3 of a margin's solve: at each count that may still beat the best allocation
    /// known, best bound first, a search over the neighbourhood of that allocation
    /// (`Neighbourhood`), stopping as the heuristic searches do (`SearchSettings.heuristic`).
    /// Its allocation, if better, becomes the value to beat; nothing else of it is used.
    ///
    /// Measured on 40 margins of each of three generated meetings (docs/performance.md,
    /// "Sixth pass"): 2 to 5 ms a search, and 26 % fewer nodes and solver seconds in all.
    func improveByNeighbourhoods() throws {
        guard let minimum = goal.neighbourhoodsFrom, inner.candidates.count >= minimum, let template else { return }
        for count in counts {
            guard let best, beats(count.bound), let relaxation = count.relaxation, remaining() > 0,
                let start = reduced.restrict(best.allocation)
            else { continue }
            let neighbourhood = Neighbourhood(
                start: start, relaxation: relaxation, template: template, conditions: innerConditions,
                width: SearchSettings.neighbourhoodWidth)
            var searchOptions = SearchSettings.heuristic(options)
            searchOptions.timeLimitSeconds = remaining()
            let options = searchOptions
            let inner = self.inner
            let ((found, nodes), seconds) = try trace.measure("neighbourhood") {
                try ConditionedSolver.searchCount(
                    inner, keeping: neighbourhood.keep, conditions: neighbourhood.conditions, awards: count.awards,
                    options: options)
            }
            if let found { offer(reduced.expand(found)) }
            trace.log(
                "neighbourhood at N=\(count.awards) (bound \(count.bound)) with \(neighbourhood.free) free: "
                    + (found.map { "value \(inner.value(of: $0))" } ?? "nothing")
                    + " in \(seconds) s, \(nodes ?? 0) nodes")
        }
    }
}
