/// How `fellowship serve` runs (docs/service.md).
public struct ServiceConfiguration: Sendable {
    /// The store (created when missing), shared with the command line.
    public var databasePath: String
    public var host: String
    public var port: Int
    /// The largest request body accepted (uploads included); larger ones get 413.
    public var maxBodyBytes: Int
    /// Mark the login cookie `Secure` (only sent over HTTPS): for a service behind a TLS proxy.
    public var secureCookies: Bool
    /// Requests per client address and per token (docs/service.md, "Threat model").
    public var rateLimits: RateLimits
    /// The HTTP limits: how long a connection may stay silent (a client that sends half a
    /// request and waits is cut off after it), how many connections may be open at once, and
    /// the largest request head and URI accepted (docs/service.md, "Threat model").
    public var http = HTTPLimits()
    /// Solves at once in the solver pool (`SolverPool`); nil: one per core.
    public var solverWorkers: Int?

    public static let defaultMaxBodyBytes = 4 * 1024 * 1024

    public init(
        databasePath: String, host: String = "127.0.0.1", port: Int = 8080,
        maxBodyBytes: Int = defaultMaxBodyBytes, secureCookies: Bool = false, rateLimits: RateLimits = .standard
    ) {
        self.rateLimits = rateLimits
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.secureCookies = secureCookies
    }
}
