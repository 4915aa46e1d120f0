import Synchronization

/// A token-bucket limit per key (a client address, a token): `burst` requests at once, then
/// `perMinute` a minute. Reusable by any route or middleware: `take` says whether a request
/// may go on, or how long to wait.
///
/// Why buckets: they allow the short bursts a person makes (opening a few pages) while
/// bounding a sustained rate, which is what guessing tokens or flooding the audit chain with
/// reads needs. Memory is bounded: at most `maximumKeys` keys are tracked; past that, the
/// buckets that have refilled (and so hold no information) are dropped first, then the oldest.
final class RateLimiter: Sendable {
    typealias Rule = RateRule

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let rule: Rule
    let maximumKeys: Int
    private let buckets = Mutex<[String: Bucket]>([:])
    private let clock = ContinuousClock()

    init(_ rule: Rule, maximumKeys: Int = 10_000) {
        self.rule = rule
        self.maximumKeys = maximumKeys
    }

    private var perSecond: Double { Double(rule.perMinute) / 60 }

    /// Takes one request from `key`'s bucket: nil when it may go on, otherwise the whole
    /// seconds to wait before the next request (for `Retry-After`).
    func take(_ key: String) -> Int? {
        let now = clock.now
        return buckets.withLock { buckets -> Int? in
            var bucket = refilled(buckets[key], now: now)
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return Self.wait(for: 1 - bucket.tokens, perSecond: perSecond)
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            if buckets.count > maximumKeys { prune(&buckets, now: now) }
            return nil
        }
    }

    /// Whether `key` could take a request now, without taking one: nil, or the seconds to wait.
    func check(_ key: String) -> Int? {
        let now = clock.now
        return buckets.withLock { buckets -> Int? in
            let bucket = refilled(buckets[key], now: now)
            return bucket.tokens >= 1 ? nil : Self.wait(for: 1 - bucket.tokens, perSecond: perSecond)
        }
    }

    /// Charges `key` one request after the fact (a failed sign-in), even below zero is not
    /// allowed: an empty bucket stays empty.
    func charge(_ key: String) {
        let now = clock.now
        buckets.withLock { buckets in
            var bucket = refilled(buckets[key], now: now)
            bucket.tokens = max(0, bucket.tokens - 1)
            buckets[key] = bucket
            if buckets.count > maximumKeys { prune(&buckets, now: now) }
        }
    }

    private func refilled(_ bucket: Bucket?, now: ContinuousClock.Instant) -> Bucket {
        guard var bucket else { return Bucket(tokens: Double(rule.burst), updated: now) }
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        bucket.tokens = min(Double(rule.burst), bucket.tokens + seconds * perSecond)
        bucket.updated = now
        return bucket
    }

    private func prune(_ buckets: inout [String: Bucket], now: ContinuousClock.Instant) {
        for (key, bucket) in buckets where refilled(bucket, now: now).tokens >= Double(rule.burst) {
            buckets[key] = nil
        }
        while buckets.count > maximumKeys, let oldest = buckets.min(by: { $0.value.updated < $1.value.updated })?.key {
            buckets[oldest] = nil
        }
    }

    private static func wait(for missing: Double, perSecond: Double) -> Int {
        guard perSecond > 0 else { return 3600 }
        return max(1, Int((missing / perSecond).rounded(.up)))
    }
}

/// One limit: `burst` requests at once, then `perMinute` a minute.
public struct RateRule: Sendable, Equatable {
    public var burst: Int
    public var perMinute: Int

    public init(burst: Int, perMinute: Int) {
        self.burst = burst
        self.perMinute = perMinute
    }
}

/// The limits of the service (docs/service.md, "Threat model"), per client address and per
/// token. The defaults leave room for a person and for a desk behind one address; a test or
/// a deployment may set its own.
public struct RateLimits: Sendable, Equatable {
    /// Sign-in attempts per client address.
    public var signInAttempts = RateRule(burst: 30, perMinute: 30)
    /// Failed sign-ins per client address: a few mistakes, then a wait.
    public var failedSignIns = RateRule(burst: 10, perMinute: 2)
    /// Explanation reads (API and page) per token.
    public var explanationsPerToken = RateRule(burst: 60, perMinute: 120)
    /// Explanation reads per client address (several tokens from one place).
    public var explanationsPerAddress = RateRule(burst: 300, perMinute: 1200)

    public static let standard = RateLimits()

    public init() {}
}
