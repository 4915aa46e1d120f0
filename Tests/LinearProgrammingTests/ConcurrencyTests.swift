import Foundation
import Testing

@testable import LinearProgramming

/// GLPK's environment is thread-local; solves on different threads must not interfere.
@Suite("Concurrency")
struct ConcurrencyTests {
    /// Collects results from several threads.
    final class Results<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Int: Value] = [:]

        func set(_ index: Int, _ value: Value) {
            lock.lock()
            defer { lock.unlock() }
            storage[index] = value
        }

        var all: [Int: Value] {
            lock.lock()
            defer { lock.unlock() }
            return storage
        }
    }

    /// Runs `work(i)` for every i on its own OS thread (not the cooperative pool, which has only
    /// as many threads as cores) and waits for all of them.
    static func onThreads<Value: Sendable>(_ count: Int, _ work: @escaping @Sendable (Int) -> Value) -> [Int: Value] {
        let results = Results<Value>()
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                results.set(index, work(index))
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return results.all
    }

    @Test("MIP solves on eight threads give the serial answers")
    func parallelSolves() throws {
        let instances = (0..<8).map { Knapsack.random(count: 16 + $0 % 3, seed: UInt64(100 + $0)) }
        let models = try instances.map { try $0.model(name: "k").model }
        let serial = try models.map { try GLPKSolver.solve($0) }

        let parallel = Self.onThreads(models.count) { index in
            (try? GLPKSolver.solve(models[index], options: .init(presolve: index % 2 == 0)))?.objectiveValue
        }
        for index in models.indices {
            #expect(serial[index].termination == .optimal)
            #expect(close(serial[index].objectiveValue, instances[index].bruteForce().value))
            #expect(close(parallel[index] ?? nil, serial[index].objectiveValue!))
        }
    }

    @Test("mixed work on threads at once: LPs, MIPs, exports, a time-limited search")
    func mixedParallelWork() throws {
        let (lp, _, _) = try Fixtures.productionLP()
        let (mip, _) = try Knapsack.twelveItems.model()
        let hard = try Fixtures.marketSplit()
        let expectedMPS = try mip.export(.mps)
        let mipOptimum = Knapsack.twelveItems.bruteForce().value

        let outcomes = Self.onThreads(12) { index -> Bool in
            do {
                switch index % 4 {
                case 0:
                    return close(try GLPKSolver.solve(lp).objectiveValue, 36)
                case 1:
                    return close(try GLPKSolver.solve(mip, options: .init(presolve: false)).objectiveValue, mipOptimum)
                case 2:
                    return try mip.export(.mps) == expectedMPS
                default:
                    let result = try GLPKSolver.solve(hard, options: .init(timeLimitSeconds: 0.2))
                    return result.termination == .limitReachedWithSolution
                        || result.termination == .limitReachedWithoutSolution
                }
            } catch {
                return false
            }
        }
        #expect(outcomes.count == 12)
        #expect(outcomes.values.allSatisfy { $0 })
    }

    @Test("solves from a task group agree")
    func taskGroup() async throws {
        let instance = Knapsack.random(count: 18, seed: 5)
        let (model, _) = try instance.model()
        let values = try await withThrowingTaskGroup(of: Double?.self) { group in
            for index in 0..<6 {
                group.addTask {
                    try GLPKSolver.solve(model, options: .init(branching: BranchingRule.allCases[index % 5]))
                        .objectiveValue
                }
            }
            return try await group.reduce(into: [Double?]()) { $0.append($1) }
        }
        #expect(values.count == 6)
        #expect(values.allSatisfy { close($0, instance.bruteForce().value) })
    }
}
