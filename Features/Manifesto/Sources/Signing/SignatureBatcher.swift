import Fluent
import KrachtCore
import Vapor

/// Group commit for sign-ups: while one transaction is being written, new sign-ups queue up,
/// and the next transaction writes them all — one disk flush for many signatures, so
/// durability (SQLite `synchronous=FULL`) costs little under a spike. Each caller gets its
/// own outcome only after its row is committed.
actor SignatureBatcher {
    struct Request: Sendable {
        var signature: SignatureForm.Checked
        var canonical: String
        var version: Int
        var tokenHash: String
        /// The served form's token, hashed: one form, one sign-up.
        var formTokenHash: String
        var language: Language
        var ipHash: String
        var mail: PendingMail
        var createdAt: Date
    }

    private struct Waiting {
        var request: Request
        var continuation: CheckedContinuation<SignManifesto.Outcome, any Error>
    }

    static let maxBatch = 250
    private let app: Application
    private var queue: [Waiting] = []
    private var writing = false

    init(app: Application) { self.app = app }

    func submit(_ request: Request) async throws -> SignManifesto.Outcome {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(Waiting(request: request, continuation: continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = Array(queue.prefix(Self.maxBatch))
            queue.removeFirst(batch.count)
            do {
                let outcomes = try await SignatureWrite(app: app).write(batch.map(\.request))
                for (waiting, outcome) in zip(batch, outcomes) { waiting.continuation.resume(returning: outcome) }
            } catch {
                // A conflict with another instance's batch: write these one by one.
                app.logger.warning("signature batch failed, retrying singly", metadata: ["error": .string(String(reflecting: error))])
                for waiting in batch {
                    do { waiting.continuation.resume(returning: try await SignatureWrite(app: app).write([waiting.request])[0]) } catch {
                        waiting.continuation.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }
}

extension Application {
    var signatureBatcher: SignatureBatcher {
        if let batcher = storage[BatcherKey.self] { return batcher }
        let batcher = SignatureBatcher(app: self)
        storage[BatcherKey.self] = batcher
        return batcher
    }
    private struct BatcherKey: StorageKey { typealias Value = SignatureBatcher }
}
