import Testing

@testable import FellowshipCore

/// The falling targets of a margin's exact searches (`TargetLevels`).
@Suite("Target levels")
struct TargetLevelsTests {
    @Test("targets fall, sit halfway between lattice points, and give way to the plain search")
    func targets() {
        var levels = TargetLevels(top: 100.37, lattice: 0.02)
        var previous = Double.infinity
        var seen: [Double] = []
        while let target = levels.target(above: 80) {
            #expect(target < previous)
            let offset = (target / 0.02) - (target / 0.02).rounded(.down)
            #expect(abs(offset - 0.5) < 1e-6, "target \(target) is not halfway between lattice points")
            #expect(target <= 100.37 - TargetLevels.firstDepth + 0.02)
            seen.append(target)
            previous = target
            levels.descend()
        }
        #expect(seen.count == 4, "levels at depths 1, 2, 4 and 8: \(seen)")
        #expect(
            TargetLevels(top: 100, lattice: nil).target(above: 99.5) == nil, "a target at or below the value to beat")
        #expect(TargetLevels(top: nil, lattice: 1).target(above: nil) == nil)
        #expect(TargetLevels(top: 10, lattice: nil).target(above: nil) == 9)
    }
}
