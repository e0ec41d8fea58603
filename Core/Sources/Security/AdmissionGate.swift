import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The slots of `AdmissionMiddleware`, without HTTP: `admit` gives a ticket at once while fewer
/// than `maxInFlight` hold one, else waits in a bounded queue until a slot frees (a ticket) or its
/// deadline passes (nil, answered 503). Waiting is a continuation, never a blocked thread.
///
/// Who goes first when a slot frees: a state change (a signature, a gift, an application) before
/// any page view, because losing it loses the visitor's work, while a page view is retried by a
/// reload; first come, first served within each class.
///
/// Under sustained overload a long queue only makes every served page slow: everything waits
/// the full timeout, is served at 2 s or refused at 2 s, and when the load drops the next visitors
/// still queue behind two seconds of backlog. So, after CoDel (as Facebook's servers use it,
/// "adaptive LIFO + CoDel"): when the queue has not been empty for a whole `overloadInterval`, a
/// page view that joins it may wait only `overloadedWait` (1 s): served pages stay under a second
/// and the backlog drains within one. A burst that the queue absorbs (it empties within the
/// interval) keeps the full timeout. Not shorter: a refusal costs about as much CPU as serving a
/// shared page, and visitors who retry at once (512 connections in a loop) then churn: with
/// 100 ms they got 145 pages/s served, with 1 s all of them (debug build, the same machine). We
/// keep FIFO, not Facebook's LIFO: the bounded wait keeps the oldest young enough to serve, and
/// first come, first served is what a visitor expects. When the queue is full, the
/// oldest page view makes room (it is the likeliest to have been given up on); a state change is
/// only turned away when the queue holds nothing but state changes.
public final class AdmissionGate: Sendable {
    public enum Priority: Sendable { case stateChange, pageView }

    /// Proof of a slot, given back with `release` once (the middleware does it in a `defer`).
    public struct Ticket: Sendable {
        /// Whether it waited in the queue for its slot.
        public let waited: Bool
    }

    /// Why a request was turned away, as the metrics count it.
    enum Refusal: String { case full, displaced, timeout, cancelled }

    public let maxInFlight: Int
    public let queueLength: Int
    public let queueTimeout: TimeAmount
    /// How long the queue must have held someone before the overload rule starts (CoDel's 100 ms).
    public let overloadInterval: TimeAmount
    /// How long a page view that joins the queue then may wait (see above for why 1 s).
    public let overloadedWait: TimeAmount

    private let timers: any EventLoop
    private let state = NIOLockedValueBox(State())
    private let metrics: AdmissionMetrics

    /// `pool` names these slots in the metrics (`requests`, `uploads`).
    public init(
        maxInFlight: Int, queueLength: Int, queueTimeout: TimeAmount, pool: String = "requests",
        overloadInterval: TimeAmount = .milliseconds(100), overloadedWait: TimeAmount = .seconds(1),
        timers: any EventLoop = MultiThreadedEventLoopGroup.singleton.any()
    ) {
        self.overloadInterval = overloadInterval
        self.overloadedWait = overloadedWait
        self.maxInFlight = max(1, maxInFlight)
        self.queueLength = max(0, queueLength)
        self.queueTimeout = queueTimeout
        self.timers = timers
        self.metrics = AdmissionMetrics(pool: pool)
    }

    /// Requests holding a slot, and requests waiting for one.
    public var counts: (inFlight: Int, queued: Int) { state.withLockedValue { ($0.inFlight, $0.queued) } }

    /// A slot, at once or after waiting; nil when the queue is full, the deadline passed or the
    /// task was cancelled.
    public func admit(_ priority: Priority) async -> Ticket? {
        let free = state.withLockedValue { state in
            guard state.inFlight < maxInFlight else { return false }
            state.inFlight += 1
            return true
        }
        if free {
            metrics.report(counts)
            return Ticket(waited: false)
        }
        let id = state.withLockedValue { $0.makeID() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in enqueue(id, priority, continuation) }
        } onCancel: {
            refuse(id, because: .cancelled)
        }
    }

    /// Gives the slot to the first waiter in line, or frees it.
    public func release(_ ticket: Ticket) {
        let next = state.withLockedValue { state -> Waiter? in
            guard let next = state.changes.takeFirst() ?? state.views.takeFirst() else {
                state.inFlight -= 1
                return nil
            }
            return next
        }
        if let next {
            next.timer?.cancel()
            metrics.admittedAfterWaiting.increment()
            next.continuation.resume(returning: Ticket(waited: true))
        }
        metrics.report(counts)
    }

    private func enqueue(_ id: UInt64, _ priority: Priority, _ continuation: CheckedContinuation<Ticket?, Never>) {
        let now = NIODeadline.now()
        let outcome = state.withLockedValue { state -> (admitted: Bool, refused: Refusal?, displaced: Waiter?) in
            if Task.isCancelled { return (false, .cancelled, nil) }
            // A slot freed since the first look: take it rather than wait for the next release.
            if state.inFlight < maxInFlight {
                state.inFlight += 1
                return (true, nil, nil)
            }
            var displaced: Waiter?
            if state.queued >= queueLength {
                guard let oldestView = state.views.takeFirst() else { return (false, .full, nil) }
                displaced = oldestView
            }
            if state.queued == 0 { state.lastEmpty = now }
            let overloaded = now - state.lastEmpty >= overloadInterval
            let wait = priority == .pageView && overloaded ? min(overloadedWait, queueTimeout) : queueTimeout
            let timer = timers.scheduleTask(in: wait) { [self] in refuse(id, because: .timeout) }
            let waiter = Waiter(id: id, continuation: continuation, timer: timer)
            if priority == .stateChange { state.changes.append(waiter) } else { state.views.append(waiter) }
            return (false, nil, displaced)
        }
        if outcome.admitted { continuation.resume(returning: Ticket(waited: false)) }
        if let refusal = outcome.refused {
            metrics.refused(refusal)
            continuation.resume(returning: nil)
        }
        if let displaced = outcome.displaced {
            displaced.timer?.cancel()
            metrics.refused(.displaced)
            displaced.continuation.resume(returning: nil)
        }
        metrics.report(counts)
    }

    /// Takes waiter `id` out of the queue and answers it nil; nothing when it already left
    /// (admitted, or refused for another reason), so a waiter is answered exactly once.
    private func refuse(_ id: UInt64, because refusal: Refusal) {
        let waiter = state.withLockedValue { state -> Waiter? in
            if let index = state.changes.firstIndex(where: { $0.id == id }) { return state.changes.remove(at: index) }
            if let index = state.views.firstIndex(where: { $0.id == id }) { return state.views.remove(at: index) }
            return nil
        }
        guard let waiter else { return }
        if refusal != .timeout { waiter.timer?.cancel() }
        metrics.refused(refusal)
        waiter.continuation.resume(returning: nil)
        metrics.report(counts)
    }

    private struct Waiter: Sendable {
        let id: UInt64
        let continuation: CheckedContinuation<Ticket?, Never>
        let timer: Scheduled<Void>?
    }

    private struct State: Sendable {
        var inFlight = 0
        var changes = CircularBuffer<Waiter>()
        var views = CircularBuffer<Waiter>()
        /// When the queue was last empty: the start of the current stretch of waiting.
        var lastEmpty = NIODeadline.now()
        var nextID: UInt64 = 0
        var queued: Int { changes.count + views.count }

        mutating func makeID() -> UInt64 {
            nextID &+= 1
            return nextID
        }
    }
}

extension CircularBuffer {
    fileprivate mutating func takeFirst() -> Element? { isEmpty ? nil : removeFirst() }
}
