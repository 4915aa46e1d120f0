import FellowshipCore
import FellowshipServer
import FellowshipStore
import FellowshipTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Issue #11, point 15: the upload routes against hostile variants of the sample's files.
/// Every answer is 2xx or 4xx (never 5xx), and the audit chain is intact afterwards.
@Suite("hostile uploads (fuzz, issue #11)")
struct UploadFuzzTests {
    /// Cases per route (a few seconds in a debug build).
    static let casesPerRoute = 28

    @Test("mutated uploads are answered 2xx or 4xx, never 5xx; the chain stays intact")
    func uploads() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        let meeting = ServiceHarness.meetingID
        let routes: [(HTTPRequest.Method, String, [UInt8])] = [
            (.post, "/api/v1/meetings", ServiceHarness.meetingBytes),
            (.put, "/api/v1/meetings/\(meeting)/countries", ServiceHarness.countriesBytes),
            (.put, "/api/v1/meetings/\(meeting)/applications", ServiceHarness.applicationsBytes),
            (.put, "/api/v1/meetings/\(meeting)/policy", ServiceHarness.policyBytes),
        ]
        let failures = try await harness.test { client -> [String] in
            var failures: [String] = []
            for (method, uri, bytes) in routes {
                for number in 0..<Self.casesPerRoute {
                    let (kind, mutated) = InputMutator.mutate(bytes, case: number)
                    let response = try await client.send(method, uri, token: harness.secretariat, body: mutated)
                    if !(200..<500).contains(response.status.code) {
                        failures.append(
                            "\(method.rawValue) \(uri) case \(number) (\(kind)): \(response.status.code) \(response.message)"
                        )
                    }
                    if response.status == .unprocessableContent && response.problems.isEmpty
                        && !response.message.contains("request body")
                    {
                        failures.append(
                            "\(method.rawValue) \(uri) case \(number) (\(kind)): 422 without problems: \(response.message)"
                        )
                    }
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
        #expect(try harness.store.verify().isIntact)
    }
}
