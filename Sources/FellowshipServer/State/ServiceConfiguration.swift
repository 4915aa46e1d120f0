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

    public static let defaultMaxBodyBytes = 4 * 1024 * 1024

    public init(databasePath: String, host: String = "127.0.0.1", port: Int = 8080,
                maxBodyBytes: Int = defaultMaxBodyBytes, secureCookies: Bool = false) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.secureCookies = secureCookies
    }
}
