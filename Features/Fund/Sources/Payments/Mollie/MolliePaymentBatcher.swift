import Fluent
import KrachtCore
import Vapor

/// Group commit for Mollie payments: while one transaction applies payments, the next ones
/// queue, and the next transaction applies them all. A burst of webhooks after an outage (or
/// the benchmark's replay) costs one write transaction per batch, not per payment — on SQLite,
/// where writers take turns, that is the difference. Each caller gets its own outcome only
/// after its payment is committed.
actor MolliePaymentBatcher {
    private struct Waiting {
        var payment: MollieClient.Payment
        var continuation: CheckedContinuation<ApplyMolliePayment.Outcome, any Error>
    }

    static let maxBatch = 100
    private let app: Application
    private var queue: [Waiting] = []
    private var writing = false

    init(app: Application) { self.app = app }

    func submit(_ payment: MollieClient.Payment) async throws -> ApplyMolliePayment.Outcome {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(Waiting(payment: payment, continuation: continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        let command = ApplyMolliePayment(app: app)
        while !queue.isEmpty {
            // In one order, so two instances' batches lock gifts in the same order on PostgreSQL.
            let batch = Array(queue.prefix(Self.maxBatch)).sorted { $0.payment.id < $1.payment.id }
            queue.removeFirst(batch.count)
            do {
                let outcomes = try await app.db.writeTransaction { db in
                    var outcomes: [ApplyMolliePayment.Outcome] = []
                    for waiting in batch { outcomes.append(try await command.apply(waiting.payment, on: db)) }
                    return outcomes
                }
                if outcomes.contains(.paid) { FundTotals.changed(app) }
                for (waiting, outcome) in zip(batch, outcomes) { waiting.continuation.resume(returning: outcome) }
            } catch {
                // A conflict (another instance, a new month's gift inserted twice): one by one.
                for waiting in batch {
                    do {
                        let outcome = try await command.applyAlone(waiting.payment)
                        waiting.continuation.resume(returning: outcome)
                    } catch {
                        waiting.continuation.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }
}

extension Application {
    var molliePayments: MolliePaymentBatcher {
        if let batcher = storage[BatcherKey.self] { return batcher }
        let batcher = MolliePaymentBatcher(app: self)
        storage[BatcherKey.self] = batcher
        return batcher
    }
    private struct BatcherKey: StorageKey { typealias Value = MolliePaymentBatcher }
}
