/// The score of an eligible application, term by term (MODEL.md section 2).
public struct Score: Hashable, Sendable {
    /// One named term of the score.
    public struct Term: Hashable, Sendable {
        public var term: String
        public var points: Double
    }

    /// The terms that contribute, `base` always first, in the published order.
    public var terms: [Term]

    /// The sum of the terms, added in their published order (so always the same bits).
    public var total: Double { terms.reduce(0) { $0 + $1.points } }

    /// Scores `application` under `weights`.
    public init(application: Application, country: Country?, weights: Policy.Weights) {
        var terms = [Term(term: "base", points: weights.base)]
        func add(_ name: String, _ points: Double) {
            if points != 0 { terms.append(Term(term: name, points: points)) }
        }
        add("contribution", weights.contribution * min(Double(application.contributions), weights.contributionCap))
        add("role", weights.role(application.role))
        add("ldc", (country?.ldc ?? false) ? weights.ldc : 0)
        add("special_needs", application.specialNeeds ? weights.specialNeeds : 0)
        self.terms = terms
    }
}
