/// Reads and validates `policy.json`.
public enum PolicyFile {
    static let topKeys = [
        "budget", "country_cap", "max_dsa_per_country", "gender_target", "region_targets", "weights", "solver",
    ]
    static let weightKeys = [
        "base", "contribution", "contribution_cap", "roles", "ldc", "special_needs",
        "country_coverage", "region_shortfall", "gender_shortfall",
    ]
    static let solverKeys = ["mip_gap", "time_limit_seconds"]

    /// Parses the policy from the file's bytes; problems go to `problems`.
    static func parse(_ bytes: [UInt8], file: String, problems: inout ProblemCollector) -> Policy? {
        guard let node = JSONParser.document(bytes, file: file, problems: &problems) else { return nil }
        return decode(node, problems: &problems)
    }

    /// Builds a policy from a parsed JSON tree (also used for `--set` overrides).
    static func decode(_ node: JSONNode, problems: inout ProblemCollector) -> Policy? {
        let before = problems.problems.count
        var policy = Policy()
        guard let top = JSONFields(node, path: "", known: topKeys, problems: &problems) else { return nil }
        if let budget = top.money("budget", required: false, &problems) { policy.budget = budget }
        if let cap = top.integer("country_cap", in: 0...Int.max, required: false, &problems) { policy.countryCap = cap }
        if let cap = top.integer("max_dsa_per_country", in: 0...Int.max, required: false, &problems) {
            policy.maxDSAPerCountry = cap
        }
        if let target = top.number("gender_target", in: 0...1, required: false, &problems) {
            policy.genderTarget = target
        }
        if let targets = top["region_targets"] {
            if let parsed = regionTargets(targets, problems: &problems) { policy.regionTargets = parsed }
        }
        if let weightsNode = top["weights"],
            let weights = JSONFields(weightsNode, path: "weights", known: weightKeys, problems: &problems)
        {
            func weight(_ key: String, _ keyPath: WritableKeyPath<Policy.Weights, Double>) {
                if let value = weights.number(key, in: 0...Double.greatestFiniteMagnitude, required: false, &problems) {
                    policy.weights[keyPath: keyPath] = value
                }
            }
            weight("base", \.base)
            weight("contribution", \.contribution)
            weight("contribution_cap", \.contributionCap)
            weight("ldc", \.ldc)
            weight("special_needs", \.specialNeeds)
            weight("country_coverage", \.countryCoverage)
            weight("region_shortfall", \.regionShortfall)
            weight("gender_shortfall", \.genderShortfall)
            if let rolesNode = weights["roles"],
                let roles = JSONFields(
                    rolesNode, path: "weights.roles", known: Role.allCases.map(\.rawValue), problems: &problems)
            {
                for role in Role.allCases {
                    if let value = roles.number(
                        role.rawValue, in: 0...Double.greatestFiniteMagnitude, required: false, &problems)
                    {
                        policy.weights.roles[role] = value
                    }
                }
            }
        }
        if let solverNode = top["solver"],
            let solver = JSONFields(solverNode, path: "solver", known: solverKeys, problems: &problems)
        {
            if let gap = solver.number("mip_gap", in: 0...1, required: false, &problems) { policy.solver.mipGap = gap }
            if let limit = solver.number("time_limit_seconds", in: 0.001...2_000_000, required: false, &problems) {
                policy.solver.timeLimitSeconds = limit
            }
        }
        return problems.problems.count == before ? policy : nil
    }

    private static func regionTargets(_ node: JSONNode, problems: inout ProblemCollector) -> Policy.RegionTargets? {
        switch node.value {
        case .string("countries"):
            return .countries
        case .object(let members):
            var shares: [Region: Double] = [:]
            var ok = true
            var sum = 0.0
            for member in members {
                let path = "region_targets." + member.key
                if member.key.hasPrefix("x_") { continue }
                guard let region = Region(rawValue: member.key) else {
                    problems.report(
                        line: member.value.line, column: path,
                        "unknown region; expected one of \(Region.allCases.map(\.rawValue).joined(separator: ", "))")
                    ok = false
                    continue
                }
                guard case .number(let text) = member.value.value, let share = Double(text), share.isFinite,
                    (0...1).contains(share)
                else {
                    problems.report(line: member.value.line, column: path, "expected a share in [0, 1]")
                    ok = false
                    continue
                }
                shares[region] = share
                sum += share
            }
            if ok && sum > 1 + 1e-9 {
                problems.report(
                    line: node.line, column: "region_targets",
                    "the shares sum to \(sum), more than 1")
                ok = false
            }
            return ok ? .explicit(shares) : nil
        default:
            problems.report(
                line: node.line, column: "region_targets",
                "expected \"countries\" or an object of region shares such as {\"AFR\": 0.4}")
            return nil
        }
    }
}
