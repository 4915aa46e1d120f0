import FellowshipServer
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The service on a real loopback port for the duration of `body`, stopped by a graceful
/// shutdown (as SIGTERM would stop it), never by cancelling its task, which tears
/// connections down mid-write.
enum LiveServer {
    static func run<T>(_ service: FellowshipService, port: Int, _ body: () async throws -> T) async throws -> T {
        var logger = Logger(label: "fellowship.live.test")
        logger.logLevel = .error
        let group = ServiceGroup(configuration: .init(services: [service.application(logger: logger)], logger: logger))
        let task = Task { try await group.run() }
        var up = false
        for _ in 0..<400 where !up {
            if (try? HTTPLimitTests.RawConnection(port: port)) != nil {
                up = true
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        do {
            let value = try await body()
            await group.triggerGracefulShutdown()
            _ = await task.result
            return value
        } catch {
            await group.triggerGracefulShutdown()
            _ = await task.result
            throw error
        }
    }
}
