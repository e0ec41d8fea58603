import Vapor

/// What a feature adds to the annual report (`/dashboard/jaarverslag/<year>`): its figures of
/// that year and, where it has them, the year's items (events, stories). Texts are keys in the
/// feature's own catalogue; the report renders every feature's sections in the features' order.
public struct ReportSection: Sendable, Encodable {
    public struct Figure: Sendable, Encodable {
        public var labelKey: String
        public var value: Int64
        /// "euro cents" is shown as money; any other unit as a whole number.
        public var unit: String
        public init(labelKey: String, value: Int64, unit: String) {
            (self.labelKey, self.value, self.unit) = (labelKey, value, unit)
        }
    }
    public struct Item: Sendable, Encodable {
        public var title: String
        /// A day in Amsterdam, `2025-10-08`.
        public var day: String?
        public var detail: String?
        /// A link on this site, when the item has a public page.
        public var path: String?
        public init(title: String, day: String? = nil, detail: String? = nil, path: String? = nil) {
            (self.title, self.day, self.detail, self.path) = (title, day, detail, path)
        }
    }
    public var titleKey: String
    public var figures: [Figure]
    public var items: [Item]
    public init(titleKey: String, figures: [Figure] = [], items: [Item] = []) {
        (self.titleKey, self.figures, self.items) = (titleKey, figures, items)
    }
}
