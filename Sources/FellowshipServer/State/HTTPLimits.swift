/// The limits on connections and request heads (docs/service.md, "Threat model").
///
/// Why: without them one client can hold the service's connections open for ever (a request
/// sent halfway and left there), or make it buffer arbitrarily large heads.
public struct HTTPLimits: Sendable, Equatable {
    /// A connection with nothing read or written for this long is closed (a half-sent
    /// request included).
    public var idleTimeoutSeconds: Int64 = 30
    /// The time a client has to send a whole request (head and body), from the connection's
    /// opening or the end of the previous answer; then the connection is closed. (The idle
    /// timeout counts HTTP parts: every body chunk is one, so a client that drips a body byte
    /// every few seconds is never idle.) 60 s lets a 4 MiB upload through at 70 KB/s.
    public var requestReadTimeoutSeconds: Int64 = 60
    /// Connections open at once; further ones wait in the listen backlog until one closes.
    public var maxConnections = 512
    /// The largest header field, and all header fields together, in bytes.
    public var maxHeaderBytes = 32 * 1024
    /// The most header fields in one request.
    public var maxHeaderFields = 100
    /// The longest request target (path and query) in bytes; longer ones get 414.
    public var maxURIBytes = 8 * 1024

    public init() {}
}
