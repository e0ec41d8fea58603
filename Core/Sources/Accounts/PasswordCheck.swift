import NIOConcurrencyHelpers
import Vapor

extension Application {
    /// Checks `password` against the account's hash, or against a dummy hash when there is no
    /// account, so that an unknown address costs the same bcrypt time as a known one and
    /// timing does not tell which addresses have an account.
    func verifyPassword(_ password: String, of user: User?) async throws -> Bool {
        let hash: String
        if let user { hash = user.passwordHash } else { hash = try await dummyPasswordHash() }
        let matches = try await verifyPassword(password, hash: hash)
        return matches && user != nil
    }

    /// Made once per process with the configured hasher (so at the configured cost).
    private func dummyPasswordHash() async throws -> String {
        if let hash = DummyHash.value.withLockedValue({ $0 }) { return hash }
        let hash = try await hashPassword(SecureToken.make())
        return DummyHash.value.withLockedValue { stored in
            if stored == nil { stored = hash }
            return stored ?? hash
        }
    }
}

private enum DummyHash {
    static let value = NIOLockedValueBox<String?>(nil)
}
