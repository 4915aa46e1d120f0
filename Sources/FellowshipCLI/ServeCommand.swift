import ArgumentParser
import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API and the review pages over HTTP (docs/service.md).",
        discussion: """
            Runs the same engine, store and audit chain as the other commands. Every route but \
            /health and the login form needs a token made with `fellowship token create`. Stops \
            gracefully on SIGTERM or SIGINT: no new requests, those in flight finish, runs being \
            decided are stored. One log line per request on standard error (method, route \
            template, status, milliseconds, role), never a token or a name.

            Example:
              fellowship serve --db fellowship.sqlite --port 8080
            """
    )

    @Option(name: .customLong("db"), help: ArgumentHelp("The store (created when missing).", valueName: "file"))
    var db: String = RunStore.defaultPath

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on.", valueName: "port"))
    var port: Int = 8080

    @Option(
        name: .customLong("max-body"),
        help: ArgumentHelp("The largest request body accepted, in bytes (larger ones get 413).", valueName: "bytes"))
    var maxBody: Int = ServiceConfiguration.defaultMaxBodyBytes

    @Flag(
        name: .customLong("secure-cookies"),
        help:
            "Mark the session cookie Secure (HTTPS only) even on a loopback address (elsewhere it always is): for a service behind a TLS proxy on the same machine."
    )
    var secureCookies = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024") }
    }

    func run() async throws {
        var logger = Logger(label: "fellowship.service")
        logger.logLevel = .info
        let store = try StoreTerminal.run { try RunStore(servingPath: db) }
        let service = try await FellowshipService(
            store: store,
            configuration: ServiceConfiguration(
                databasePath: db, host: host, port: port, maxBodyBytes: maxBody,
                secureCookies: secureCookies))
        logger.info("serving", metadata: ["address": "\(host):\(port)", "store": "\(db)"])
        try await service.run(logger: logger)
    }
}
