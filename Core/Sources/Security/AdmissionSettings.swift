import NIOCore

/// How many requests one instance works on at once, how long the rest may wait, and how long
/// a client may take to send what it sends (`KRACHT_MAX_IN_FLIGHT`, `KRACHT_QUEUE_LENGTH`,
/// `KRACHT_QUEUE_TIMEOUT`, `KRACHT_IDLE_TIMEOUT`, `KRACHT_BODY_TIMEOUT`); see `AdmissionMiddleware`.
public struct AdmissionSettings: Sendable {
    /// 64 on a 2-core server: pages already fill both cores at about 8 at once, and every request
    /// in flight beyond that only adds to each one's time (64 at ~650 pages/s is ~100 ms each);
    /// but the sign-up batcher writes all signatures in flight in one transaction, and was measured
    /// at its best with 64 (docs/performance.md). The old 512 let a spike stretch every page to a second.
    public var maxInFlight = 64
    /// Requests that may wait for a slot; past it the oldest waiting page view is turned away.
    /// Large, because a waiter costs a continuation and a timer, while a refusal costs about what
    /// serving a shared page does, and a client refused at once comes straight back: with 1,500
    /// clients at 8x of capacity, 1024 places refused 93% and served half of capacity; 4096
    /// served 95% of capacity (scripts/bench/paced.sh, docs/performance.md).
    public var queueLength = 4096
    /// The longest a request waits for a slot before it is answered 503.
    public var queueTimeout: TimeAmount = .seconds(2)
    /// A connection on which nothing is read or written for this long is closed (a client that
    /// opens connections and sends nothing; an idle keep-alive connection). Nil: never.
    public var idleTimeout: TimeAmount? = .seconds(30)
    /// The time a body may take to arrive before the request takes a slot (408 past it), plus a
    /// second per 64 KiB it announces (see `AdmissionMiddleware.bodyDeadline`).
    public var bodyTimeout: TimeAmount = .seconds(10)

    /// The overload rule of `AdmissionGate` (not settings of their own: CoDel's interval is a
    /// property of the rule, not of a site; tests lengthen them to make waiting deterministic).
    public var overloadInterval: TimeAmount = .milliseconds(100)
    public var overloadedWait: TimeAmount = .seconds(1)

    public init() {}

    /// The settings from the environment; a value that cannot be read adds a line to `problems`
    /// (and the default stays), so the server refuses to start rather than run differently.
    public static func fromEnvironment(_ value: (String) -> String?, problems: inout [String]) -> AdmissionSettings {
        var settings = AdmissionSettings()
        func count(_ key: String, atLeast minimum: Int) -> Int? {
            guard let raw = value(key) else { return nil }
            guard let number = Int(raw), number >= minimum else {
                problems.append("\(key) must be a whole number of at least \(minimum); not: \(raw)")
                return nil
            }
            return number
        }
        func seconds(_ key: String, allowZero: Bool) -> TimeAmount?? {
            guard let raw = value(key) else { return nil }
            guard let number = Double(raw), number.isFinite, number > 0 || (allowZero && number == 0), number <= 86_400 else {
                problems.append("\(key) must be a number of seconds (such as 2 or 0.5)\(allowZero ? ", or 0 for never" : ""); not: \(raw)")
                return nil
            }
            return .some(number == 0 ? nil : .milliseconds(Int64((number * 1000).rounded())))
        }
        if let number = count("KRACHT_MAX_IN_FLIGHT", atLeast: 1) { settings.maxInFlight = number }
        if let number = count("KRACHT_QUEUE_LENGTH", atLeast: 0) { settings.queueLength = number }
        if let time = seconds("KRACHT_QUEUE_TIMEOUT", allowZero: false), let time { settings.queueTimeout = time }
        if let time = seconds("KRACHT_IDLE_TIMEOUT", allowZero: true) { settings.idleTimeout = time }
        if let time = seconds("KRACHT_BODY_TIMEOUT", allowZero: false), let time { settings.bodyTimeout = time }
        return settings
    }
}
