import Foundation
import Vapor

/// Webhooks for one payment that arrive together share the work in this process: a call that
/// finds one running for its id waits for the next run, which starts after it arrived — so
/// every caller's answer comes from a fetch made after its own hint, and a burst of twenty costs
/// at most two fetches. The database still guarantees one posting across processes.
actor WebhookSingleFlight {
    private struct Flight {
        var running: Task<ApplyMolliePayment.Outcome, any Error>
        var next: Task<ApplyMolliePayment.Outcome, any Error>?
    }

    private var flights: [String: Flight] = [:]

    func run(_ id: String, _ work: @escaping @Sendable () async throws -> ApplyMolliePayment.Outcome) async throws
        -> ApplyMolliePayment.Outcome
    {
        guard var flight = flights[id] else {
            let task = Task { try await work() }
            flights[id] = Flight(running: task)
            defer { finish(id, task) }
            return try await task.value
        }
        if let next = flight.next { return try await next.value }
        let previous = flight.running
        let next = Task {
            _ = try? await previous.value
            return try await work()
        }
        flight.next = next
        flights[id] = flight
        return try await next.value
    }

    /// The running flight is done: its follow-up (if any) becomes the running one.
    private func finish(_ id: String, _ task: Task<ApplyMolliePayment.Outcome, any Error>) {
        guard let flight = flights[id], flight.running == task else { return }
        if let next = flight.next {
            flights[id] = Flight(running: next)
            Task {
                _ = try? await next.value
                await self.finish(id, next)
            }
        } else {
            flights[id] = nil
        }
    }
}

extension Application {
    var mollieWebhooks: WebhookSingleFlight {
        if let existing = storage[SingleFlightKey.self] { return existing }
        let flight = WebhookSingleFlight()
        storage[SingleFlightKey.self] = flight
        return flight
    }
    private struct SingleFlightKey: StorageKey { typealias Value = WebhookSingleFlight }
}
