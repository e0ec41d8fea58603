import NIOConcurrencyHelpers
import Vapor

extension Application {
    public var config: AppConfig {
        get { storage[ConfigKey.self] ?? .fromEnvironment() }
        set { storage[ConfigKey.self] = newValue }
    }

    /// The current time; tests move it to prove expiry.
    public var clock: AppClock {
        if let clock = storage[ClockKey.self] { return clock }
        let clock = AppClock()
        storage[ClockKey.self] = clock
        return clock
    }

    /// A name for this process among several app instances (job and mail claims).
    public var instanceID: String {
        if let id = storage[InstanceKey.self] { return id }
        let id = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        storage[InstanceKey.self] = id
        return id
    }

    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    private struct ClockKey: StorageKey { typealias Value = AppClock }
    private struct InstanceKey: StorageKey { typealias Value = String }
}

public final class AppClock: Sendable {
    private let offset: NIOLockedValueBox<TimeInterval> = .init(0)
    public init() {}
    public func now() -> Date { Date().addingTimeInterval(offset.withLockedValue { $0 }) }
    /// Moves this clock forward (tests only).
    public func advance(by seconds: TimeInterval) { offset.withLockedValue { $0 += seconds } }
}

extension Request {
    public var now: Date { application.clock.now() }
}
