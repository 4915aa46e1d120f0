import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import Testing
import Yams

/// docs/openapi.yaml and the router must agree: the same routes, the same roles, and the
/// error responses each route can give.
@Suite("OpenAPI document")
struct OpenAPITests {
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options"]

    struct Operation {
        var method: String
        var path: String
        var roles: Set<String>
        var responses: Set<String>
        var parameters: Set<String>
    }

    static func operations() throws -> (version: String, operations: [Operation]) {
        let text = try String(
            contentsOf: ServiceHarness.root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        var operations: [Operation] = []
        for (path, value) in paths {
            let item = try #require(value as? [String: Any], "\(path)")
            let shared = Self.parameterNames(item["parameters"], document: document)
            for (key, operationValue) in item where methods.contains(key) {
                let operation = try #require(operationValue as? [String: Any], "\(key) \(path)")
                let roles = Set((operation["x-roles"] as? [Any] ?? []).map { "\($0)" })
                let responses = Set((operation["responses"] as? [AnyHashable: Any] ?? [:]).keys.map { "\($0)" })
                operations.append(
                    Operation(
                        method: key.uppercased(), path: path, roles: roles, responses: responses,
                        parameters: shared.union(Self.parameterNames(operation["parameters"], document: document))))
            }
        }
        return ("\(document["openapi"] ?? "")", operations)
    }

    /// Path parameter names, following `$ref`s into components.
    static func parameterNames(_ value: Any?, document: [String: Any]) -> Set<String> {
        var names: Set<String> = []
        for entry in value as? [[String: Any]] ?? [] {
            var parameter = entry
            if let reference = entry["$ref"] as? String {
                let name = reference.split(separator: "/").last.map(String.init) ?? ""
                parameter =
                    ((document["components"] as? [String: Any])?["parameters"] as? [String: Any])?[name]
                    as? [String: Any] ?? [:]
            }
            if parameter["in"] as? String == "path", let name = parameter["name"] as? String { names.insert(name) }
        }
        return names
    }

    @Test("every registered route is described, with its roles and errors, and nothing else is")
    func routesMatch() async throws {
        let harness = try await ServiceHarness(seeded: false)
        defer { harness.remove() }
        let (version, operations) = try Self.operations()
        #expect(version.hasPrefix("3.1"))
        let routes = harness.service.routes
        let documented = Set(operations.map { "\($0.method) \($0.path)" })
        let registered = Set(routes.map { "\($0.method) \($0.path)" })
        #expect(
            documented.subtracting(registered).isEmpty,
            "described but not served: \(documented.subtracting(registered).sorted())")
        #expect(
            registered.subtracting(documented).isEmpty,
            "served but not described: \(registered.subtracting(documented).sorted())")
        #expect(routes.count == registered.count, "a route is registered twice")

        for route in routes {
            guard let operation = operations.first(where: { $0.method == route.method && $0.path == route.path }) else {
                continue
            }
            let label = "\(route.method) \(route.path)"
            #expect(operation.roles == Set(route.access.roles.map(\.rawValue)), "\(label): x-roles")
            if route.access != .open {
                #expect(operation.responses.contains("401"), "\(label) does not document 401")
                if route.access.roles.count < AccessRole.allCases.count || route.access == .explanation {
                    #expect(operation.responses.contains("403"), "\(label) does not document 403")
                }
            }
            // Path parameters are declared, and a route with one documents 404.
            let pathParameters = Set(
                route.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            #expect(operation.parameters == pathParameters, "\(label): path parameters")
            if !pathParameters.isEmpty {
                #expect(operation.responses.contains("404"), "\(label) does not document 404")
            }
            // A route that reads a body documents the size limit.
            if route.method == "POST" || route.method == "PUT", route.path != "/logout" {
                #expect(operation.responses.contains("413"), "\(label) does not document 413")
            }
            #expect(
                operation.responses.contains { $0.hasPrefix("2") || $0.hasPrefix("3") },
                "\(label) has no success response")
        }
    }
}
