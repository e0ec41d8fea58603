import Vapor

/// A feature that takes gifts (the Solidarity Fund). Other features offer giving through it
/// without knowing it: the manifesto's "do more" page shows the option only when one is there.
public protocol GivingFeature: Feature {
    /// Where a person gives, credited to a campaign or partner code when there is one.
    func givePath(campaign: String?) -> String
}

extension Application {
    /// The feature that takes gifts, if this installation has one.
    public var giving: (any GivingFeature)? {
        for feature in features { if let giving = feature as? any GivingFeature { return giving } }
        return nil
    }
}
