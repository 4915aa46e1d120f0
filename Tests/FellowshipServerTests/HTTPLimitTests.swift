import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Point 7 of issue #11: a client that sends half a request and waits is cut off; heads and
/// URIs over the limits are refused. On a live server on a free loopback port.
@Suite("HTTP limits (issue #11)")
struct HTTPLimitTests {
    /// A raw TCP connection to 127.0.0.1:`port`.
    ///
    /// Its reads block, so they run on a thread of their own (`readHead`, `readUntilClosed`):
    /// on Swift's cooperative pool (one thread per core) they would starve the service under
    /// test, whose handlers run there too. `@unchecked Sendable`: one test uses it at a time.
    final class RawConnection: @unchecked Sendable {
        let socket: Int32

        init(port: Int, timeoutSeconds: Int = 20) throws {
            #if canImport(Glibc)
                socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                guard connected == 0 else { throw CocoaError(.fileReadUnknown) }
                var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            #else
                throw CocoaError(.featureUnsupported)
            #endif
        }

        func send(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }

        /// The response head (up to the blank line), or whatever came before the connection
        /// closed or 20 s passed.
        func readHead() async -> String { await Self.offPool { self.blockingReadHead() } }

        /// Everything until the server closes the connection (or 20 s pass: nil).
        func readUntilClosed() async -> String? { await Self.offPool { self.blockingReadUntilClosed() } }

        private static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
            await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: body()) }.start()
            }
        }

        private func blockingReadHead() -> String {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                received += buffer[0..<count]
            }
            return String(decoding: received, as: UTF8.self)
        }

        private func blockingReadUntilClosed() -> String? {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if count == 0 { return String(decoding: received, as: UTF8.self) }
                if count < 0 { return nil }
                received += buffer[0..<count]
            }
        }

        /// True when the server has closed the connection (its end read, nothing left).
        func isClosedByServer() -> Bool {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes {
                    recv(socket, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
                }
                if count == 0 { return true }
                if count < 0 { return errno != EAGAIN && errno != EWOULDBLOCK }
            }
        }

        /// Hangs up: closes the socket, as a client that gives up does (issue #11, point 5).
        func hangUp() {
            guard !closed else { return }
            closed = true
            close(socket)
        }

        private var closed = false

        deinit { hangUp() }
    }

    /// A loopback port nobody listens on (the kernel's choice).
    static func freePort() throws -> Int {
        let probe = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(probe, pointer, length) == 0 else { return -1 }
                return getsockname(probe, pointer, &length)
            }
        }
        guard bound == 0 else { throw CocoaError(.fileReadUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test(
        "a half-sent request is cut off after the idle timeout, a head or body sent a byte at a time is cut off too; a URI over the limit gets 414"
    )
    func halfRequest() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fellowship-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        let port = try Self.freePort()
        var configuration = ServiceConfiguration(databasePath: path, port: port)
        configuration.http.idleTimeoutSeconds = 1
        configuration.http.maxURIBytes = 1024
        let service = try await FellowshipService(store: try RunStore(servingPath: path), configuration: configuration)
        try await LiveServer.run(service, port: port) {
            let clock = ContinuousClock()
            let start = clock.now
            let connection = try RawConnection(port: port)
            connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            let answer = await connection.readUntilClosed()
            #expect(answer != nil, "the server kept a half-sent request open for 20 s")
            #expect(clock.now - start < .seconds(15))
            #expect(answer?.contains("200 OK") != true)
        }

        // Slow-drip clients (issue #11, point 7): one that sends its head a byte a second is
        // cut by the idle timeout (it counts decoded HTTP parts, and none arrives until the
        // head is whole); one that sends its body a byte a second is never idle (each chunk is
        // a part) and is cut by the bound on the time to send a whole request.
        let dripPort = try Self.freePort()
        var drip = ServiceConfiguration(databasePath: path, port: dripPort)
        drip.http.idleTimeoutSeconds = 3
        drip.http.requestReadTimeoutSeconds = 5
        let dripService = try await FellowshipService(store: try RunStore(servingPath: path), configuration: drip)
        try await LiveServer.run(dripService, port: dripPort) {
            for (what, opening) in [
                ("head", "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Drip: "),
                (
                    "body",
                    "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ntoken="
                ),
            ] {
                let connection = try RawConnection(port: dripPort)
                connection.send(opening)
                var closed = false
                // One byte a second, 15 of them (at least 15 s, three times the bound; counted
                // in bytes, not seconds, so that a loaded machine cannot make it pass or fail):
                // before the bound, a dripped body kept its connection as long as the client liked.
                for _ in 0..<15 where !closed {
                    try await Task.sleep(for: .seconds(1))
                    connection.send("a")
                    closed = connection.isClosedByServer()
                }
                #expect(closed, "a \(what) sent a byte a second kept its connection for 15 bytes")
            }
            // A client that sends its request at once is answered as before.
            let normal = try RawConnection(port: dripPort)
            normal.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            #expect(await normal.readHead().hasPrefix("HTTP/1.1 200"))
        }

        // The URI limit, on a service with the default idle timeout (a 1 s one could cut a
        // slow answer on a loaded machine).
        let otherPort = try Self.freePort()
        var defaults = ServiceConfiguration(databasePath: path, port: otherPort)
        defaults.http.maxURIBytes = 1024
        let other = try await FellowshipService(store: try RunStore(servingPath: path), configuration: defaults)
        try await LiveServer.run(other, port: otherPort) {
            let port = otherPort
            let long = try RawConnection(port: port)
            long.send(
                "GET /health?pad=\(String(repeating: "a", count: 2000)) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            )
            let refused = await long.readHead()
            #expect(refused.hasPrefix("HTTP/1.1 414"), "\(refused)")
            let normal = try RawConnection(port: port)
            normal.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let ok = await normal.readHead()
            #expect(ok.hasPrefix("HTTP/1.1 200"), "\(ok)")
        }
    }
}
