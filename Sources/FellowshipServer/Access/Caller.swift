import FellowshipCore
import FellowshipStore

/// Who made a request: the token it speaks for, and the browser session when it came with
/// the session cookie rather than a bearer header.
struct Caller: Sendable {
    var token: AccessToken
    var session: BrowserSession?
}
