import Foundation
import Vapor

/// The app a `FundHelpFeature` value was started in. `Feature.purgeExpired` and `verify` are
/// handed only a database, but erasing a case deletes its documents' files, and verifying looks
/// for them, in the app's data folder. Copies of the feature value share this box.
final class AttachedApp: @unchecked Sendable {
    private let lock = NSLock()
    private weak var attached: Application?

    var app: Application? {
        get { lock.withLock { attached } }
        set { lock.withLock { attached = newValue } }
    }

    struct NotStarted: Error, CustomStringConvertible {
        var description: String { "the fund's help is not started in an app (FundHelpFeature.routes was not called)" }
    }

    func require() throws -> Application {
        guard let app else { throw NotStarted() }
        return app
    }
}
