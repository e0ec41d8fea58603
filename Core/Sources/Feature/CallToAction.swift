import Vapor

/// One of the movement's calls to action on the home page ("Teken het manifest", "Geef aan het
/// fonds"), registered by the feature that makes it possible: a feature that is not there
/// offers nothing, so the home page never promises what does not exist.
public struct CallToAction: Sendable {
    public var textKey: String
    public var path: String
    /// Lower first; the first is the home page's main button.
    public var order: Int
    /// An indicator shown beside the button, with its target (the count beside "sign").
    public var indicatorKey: String?

    public init(textKey: String, path: String, order: Int, indicatorKey: String? = nil) {
        self.textKey = textKey
        self.path = path
        self.order = order
        self.indicatorKey = indicatorKey
    }
}

/// A short list of what just happened in a feature (the latest signers, the next meetup, the
/// newest initiative), which makes the home page feel alive. The feature reads its own tables;
/// Core only shows what it gets. `items` must be cheap: it runs on every home page view.
public struct HomeFeed: Sendable {
    public var headingKey: String
    public var order: Int
    /// A link below the list ("Teken ook"), if any.
    public var link: (textKey: String, path: String)?
    public var items: @Sendable (Application) async throws -> [HomeFeedItem]

    public init(
        headingKey: String, order: Int, link: (textKey: String, path: String)? = nil,
        items: @escaping @Sendable (Application) async throws -> [HomeFeedItem]
    ) {
        self.headingKey = headingKey
        self.order = order
        self.link = link
        self.items = items
    }
}

/// One line of a home feed: data, not a text key ("Fatima", "Nieuw-West").
public struct HomeFeedItem: Sendable, Encodable, Hashable {
    public var title: String
    public var detail: String?

    public init(title: String, detail: String? = nil) {
        self.title = title
        self.detail = detail
    }
}

/// A feature where a person in acute need asks for help (the Solidarity Fund). The contact
/// page links to it when there is one; until then it gives the movement's phone and address.
public protocol HelpFeature: Feature {
    /// Where a person asks for help.
    var helpPath: String { get }
}

extension Application {
    /// The feature that helps people in need, if this installation has one.
    public var help: (any HelpFeature)? {
        for feature in features { if let help = feature as? any HelpFeature { return help } }
        return nil
    }
}
