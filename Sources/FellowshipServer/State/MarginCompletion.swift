import FellowshipCore
import FellowshipStore
import Logging
import ServiceLifecycle

/// When the service starts, completes the margin phases that an earlier process left
/// unfinished (killed, or the machine restarted), oldest run first, in the background.
///
/// The decisions of those runs are already stored and served; their explanations compute the
/// margins they need on demand meanwhile. The work is not waited for at shutdown: every batch
/// of margins is stored in its own transaction, so stopping halfway loses at most the batch in
/// flight, and the next start goes on from there.
struct MarginCompletion: Service {
    let store: any ServiceStore
    let logger: Logger

    func run() async throws {
        let store = self.store
        let logger = self.logger
        Task.detached(priority: .background) {
            do {
                let runs = try await Blocking.run { try store.runsWithPendingMargins() }
                for id in runs {
                    logger.info("completing the margins of run \(id)")
                    _ = try await Blocking.run { try store.completeMargins(of: try store.loadRun(id: id)) }
                    logger.info("margins of run \(id) complete")
                }
            } catch {
                logger.error("completing stored margins failed: \(error)")
            }
        }
        try? await gracefulShutdown()
    }
}
