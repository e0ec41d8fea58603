import Vapor

/// What the home page shows: the features' calls to action (the first as the main button, with
/// its figure and target beside it), the other headline figures, and what just happened.
struct HomePage: Encodable {
    var actions: [Action]
    var counters: [Counter]
    var feeds: [Feed]

    struct Action: Encodable {
        var label: String
        var href: String
        var counter: Counter?
    }
    struct Counter: Encodable {
        var key: String
        var label: String
        var value: Int64
        var isMoney: Bool
        var target: Int64?
        var targetLabel: String
        var percent: Int?
    }
    struct Feed: Encodable {
        var heading: String
        var items: [HomeFeedItem]
        var linkText: String?
        var linkPath: String?
    }

    static func build(for req: Request) async throws -> HomePage {
        let app = req.application
        let targetLabel = req.targetLabel()
        let counters = try await app.indicators.headline(app: app).map { value in
            Counter(
                key: value.key, label: req.t("indicator.\(value.key)", count: Int(value.value)), value: value.value,
                isMoney: value.unit == "euro cents", target: value.target, targetLabel: targetLabel,
                percent: value.target.map { $0 > 0 ? Int(min(100, value.value * 100 / $0)) : 0 })
        }
        let registered = app.features.flatMap { $0.callsToAction() }.sorted { $0.order < $1.order }
        let actions = registered.map { action in
            Action(
                label: req.t(action.textKey), href: action.path,
                counter: action.indicatorKey.flatMap { key in counters.first { $0.key == key } })
        }
        // A figure shown beside its button is not repeated below.
        let beside = Set(registered.compactMap(\.indicatorKey))
        var feeds: [Feed] = []
        for feed in app.features.flatMap({ $0.homeFeeds() }).sorted(by: { $0.order < $1.order }) {
            let items = try await feed.items(app)
            guard !items.isEmpty else { continue }
            feeds.append(
                Feed(
                    heading: req.t(feed.headingKey), items: items, linkText: feed.link.map { req.t($0.textKey) }, linkPath: feed.link?.path)
            )
        }
        return HomePage(actions: actions, counters: counters.filter { !beside.contains($0.key) }, feeds: feeds)
    }
}
