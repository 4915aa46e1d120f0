// swift-tools-version:6.2
// fellowship: allocation of meeting fellowships by a published MILP solved with GLPK.
// SPDX-License-Identifier: GPL-3.0-or-later

import PackageDescription

import class Foundation.ProcessInfo

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "fellowship",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fellowship", targets: ["FellowshipCLI"]),
        .library(name: "FellowshipCore", targets: ["FellowshipCore"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "FellowshipStore", targets: ["FellowshipStore"]),
        .library(name: "FellowshipServer", targets: ["FellowshipServer"]),
        .library(name: "FellowshipSamples", targets: ["FellowshipSamples"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // The HTTP service (docs/service.md). Hummingbird's default traits pull in
        // swift-configuration, which the service does not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        // NIOCore and NIOHTTPTypes for two channel handlers of the service's own (already
        // dependencies of Hummingbird; named here because the service imports them).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        // HTTPTypes (statuses, fields) and UnixSignals: dependencies of Hummingbird and of
        // service-lifecycle already, named because the service imports them (member import
        // visibility: a file imports every module whose members it uses).
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // Tests only: reads docs/openapi.yaml to compare it with the router.
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // The GLPK C library (Debian: libglpk-dev). No pkg-config file exists for it.
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // The only module that touches C: a typed model, validation, and the solve call.
        .target(
            name: "LinearProgramming",
            dependencies: ["CGLPK"],
            swiftSettings: swiftSettings
        ),
        // The decision rule: inputs, eligibility, scores, the allocation model and its solver,
        // explanations, scenarios, letters and the documents of a run. No storage.
        .target(
            name: "FellowshipCore",
            dependencies: [
                "LinearProgramming",
                // SHA-256 of inputs and of audit events (`Hexadecimal`).
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The explanation templates, one JSON file per language (docs/explanations.md).
            resources: [.copy("Explanations/Languages")],
            swiftSettings: swiftSettings
        ),
        // The run store and its audit chain: SQLite through GRDB (Debian: libsqlite3-dev),
        // and the use cases that write runs (allocate, decline, margins, uploads, sessions).
        .target(
            name: "FellowshipStore",
            dependencies: [
                "FellowshipCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // Generated sample meetings (`fellowship generate`) and their fictional names, for the
        // command line, the tests and the benchmarks only: the server links none of it.
        .target(
            name: "FellowshipSamples",
            dependencies: ["FellowshipCore"],
            // The name pools of the fictional applicants.
            resources: [.copy("Resources/names.json")],
            swiftSettings: swiftSettings
        ),
        // The HTTP service: JSON API, access control and server-rendered review pages.
        .target(
            name: "FellowshipServer",
            dependencies: [
                "FellowshipCore",
                "FellowshipStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The HTTP limits (idle timeout, connection cap, head sizes; docs/service.md).
                .product(name: "HummingbirdCore", package: "hummingbird"),
                // A channel handler that sees a client hang up (ClientGoneHandler, issue #11).
                .product(name: "NIOCore", package: "swift-nio"),
                // The HTTP parts that handler and the request-head timeout see (idem).
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The page templates (docs/service.md).
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FellowshipCLI",
            dependencies: [
                "FellowshipCore",
                "FellowshipSamples",
                "FellowshipServer",
                "FellowshipStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared by the test targets: hostile variants of the input files for the fuzz suites.
        .target(
            name: "FellowshipTestSupport",
            path: "Tests/FellowshipTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinearProgrammingTests",
            dependencies: ["LinearProgramming"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FellowshipCLITests",
            dependencies: [
                "FellowshipCLI",
                "FellowshipCore",
                "FellowshipSamples",
                "FellowshipStore",
                "FellowshipTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FellowshipServerTests",
            dependencies: [
                "FellowshipServer",
                "FellowshipCore",
                "FellowshipStore",
                "FellowshipTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                // Tests only: tampering with the store under a running service, and live
                // servers on loopback stopped gracefully (issue #11).
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FellowshipCoreTests",
            dependencies: [
                "FellowshipCore", "FellowshipSamples", "FellowshipStore", "LinearProgramming", "FellowshipTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// Benchmarks (issue #6): ordo-one package-benchmark, resolved only when asked for, so that
// ordinary builds and CI never fetch or build it:
//
//     FELLOWSHIP_BENCHMARKS=1 swift package benchmark
//
// See Benchmarks/README.md.
if ProcessInfo.processInfo.environment["FELLOWSHIP_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(
        .executableTarget(
            name: "FellowshipBenchmarks",
            dependencies: [
                "FellowshipCore",
                "FellowshipSamples",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/FellowshipBenchmarks",
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ))
}
