/// The step of the lattice in which every V of a problem lies, when there is one.
///
/// V is a sum of candidate scores, `country_coverage` per covered country, and the penalty
/// terms `region_shortfall · (σ_r N − N_r)` and `gender_shortfall · (t N − F)` where positive.
/// With N, N_r, F and the number of covered countries all whole, every V is an integer
/// combination of the scores and of `w_c`, `w_r σ_r`, `w_r`, `w_g t`, `w_g`. When all of
/// these are rationals with moderate denominators, every V is a multiple of their greatest
/// common divisor `step`, so two allocations whose values differ do so by at least `step`.
///
/// A branch and bound that has an allocation of value I and a proven bound below I + step
/// has therefore proven I optimal: the margin solves use this to stop as soon as the bound
/// is within half a step (GLPK's relative MIP gap), which is still an exact optimum.
struct ValueLattice: Sendable {
    var step: Double

    /// The lattice of `problem`'s values, nil when a weight is not a moderate rational.
    init?(_ problem: AllocationProblem) {
        var generators: [Double] = problem.candidates.map(\.score)
        if problem.coverageWeight != 0 { generators.append(problem.coverageWeight) }
        if problem.regionShortfallWeight != 0 {
            for region in Region.allCases where problem.share(region) > 0 {
                generators.append(problem.regionShortfallWeight * problem.share(region))
                generators.append(problem.regionShortfallWeight)
            }
        }
        if problem.genderShortfallWeight != 0 && problem.genderTarget > 0 {
            generators.append(problem.genderShortfallWeight * problem.genderTarget)
            generators.append(problem.genderShortfallWeight)
        }
        var numerators: [Int64] = []
        var denominators: [Int64] = []
        for value in Set(generators) where value != 0 {
            guard let (p, q) = Self.rational(value) else { return nil }
            numerators.append(p)
            denominators.append(q)
        }
        guard !numerators.isEmpty else { return nil }
        var common: Int64 = 1
        for q in denominators {
            let (product, overflow) = (common / Self.gcd(common, q)).multipliedReportingOverflow(by: q)
            guard !overflow, product <= 1_000_000_000 else { return nil }
            common = product
        }
        var divisor: Int64 = 0
        for (p, q) in zip(numerators, denominators) {
            let (scaled, overflow) = p.multipliedReportingOverflow(by: common / q)
            guard !overflow else { return nil }
            divisor = Self.gcd(divisor, scaled.magnitude > Int64.max.magnitude ? 0 : abs(scaled))
        }
        guard divisor > 0 else { return nil }
        step = Double(divisor) / Double(common)
    }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// `value` as p/q with q ≤ 100 000 when it is one to within 1e-9 relative (continued fractions).
    static func rational(_ value: Double) -> (Int64, Int64)? {
        guard value.isFinite, abs(value) < 1e9 else { return nil }
        let sign: Int64 = value < 0 ? -1 : 1
        let x = abs(value)
        var (p0, q0, p1, q1): (Int64, Int64, Int64, Int64) = (0, 1, 1, 0)
        var rest = x
        for _ in 0..<40 {
            let whole = rest.rounded(.down)
            guard whole < 1e12 else { return nil }
            let a = Int64(whole)
            (p0, q0, p1, q1) = (p1, q1, a * p1 + p0, a * q1 + q0)
            if q1 > 100_000 { return nil }
            if abs(Double(p1) / Double(q1) - x) <= 1e-9 * max(1, x) { return (sign * p1, q1) }
            let fraction = rest - whole
            guard fraction > 1e-12 else { break }
            rest = 1 / fraction
        }
        if abs(Double(p1) / Double(q1) - x) <= 1e-9 * max(1, x) { return (sign * p1, q1) }
        return nil
    }
}
