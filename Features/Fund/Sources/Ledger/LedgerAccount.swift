/// An account of the fund's double-entry ledger. Amounts on a line are signed: a debit is
/// positive, a credit negative, and every entry's lines add up to zero.
public struct LedgerAccount: RawRepresentable, Hashable, Sendable, Codable, Comparable {
    public enum Kind: String, Sendable { case asset, liability, income, expense }

    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    // What the fund holds.
    /// The fund's bank account (transfers in, payouts out).
    public static let bank = LedgerAccount(rawValue: "bank")
    /// Money Mollie collected for the fund and has not yet paid out to the bank.
    public static let mollie = LedgerAccount(rawValue: "mollie")
    /// Cash in the treasurer's box (the takings of a benefit evening).
    public static let cash = LedgerAccount(rawValue: "cash")
    /// Goods and services given in kind, at the value the treasurer recorded.
    public static let inKind = LedgerAccount(rawValue: "in_kind")
    // What the fund owes.
    /// Credits on the bank statement not yet matched to a gift: money that is there, but whose is not known.
    public static let unmatched = LedgerAccount(rawValue: "bank_unmatched")
    /// Support granted and not yet paid out (Fund 2/2).
    public static let grantsPayable = LedgerAccount(rawValue: "grants_payable")
    // Income and its corrections.
    public static func donations(_ source: GiftSource) -> LedgerAccount { LedgerAccount(rawValue: "donations:" + source.rawValue) }
    /// Gifts paid back to their donor.
    public static let refunds = LedgerAccount(rawValue: "refunds")
    /// Tickets sold for events (a benefit evening's paid places): income, but no gift, so it is
    /// not counted as raised and its buyers are no donors.
    public static let eventIncome = LedgerAccount(rawValue: "event_income")
    // Spending.
    public static let mollieFees = LedgerAccount(rawValue: "mollie_fees")
    /// Money out of the bank account as the statement shows it (costs, returns) until it is booked as something better.
    public static let bankCosts = LedgerAccount(rawValue: "bank_costs")
    /// Support paid out, per spending category (Fund 2/2): `payouts:shelter`.
    public static func payouts(_ category: String) -> LedgerAccount { LedgerAccount(rawValue: "payouts:" + category) }

    public var kind: Kind {
        if rawValue.hasPrefix("donations:") { return .income }
        if rawValue.hasPrefix("payouts:") { return .expense }
        switch self {
        case .bank, .mollie, .cash, .inKind: return .asset
        case .unmatched, .grantsPayable: return .liability
        case .refunds, .eventIncome: return .income
        default: return .expense
        }
    }

    /// The gift source of a donations account.
    public var donationSource: GiftSource? {
        rawValue.hasPrefix("donations:") ? GiftSource(rawValue: String(rawValue.dropFirst("donations:".count))) : nil
    }

    /// Counts towards "raised": donations in, refunds out.
    var countsAsRaised: Bool { donationSource != nil || self == .refunds }

    public static func < (a: LedgerAccount, b: LedgerAccount) -> Bool { a.rawValue < b.rawValue }
}

/// Where a gift comes from, for the report's "money in per source".
public enum GiftSource: String, Sendable, Codable, CaseIterable {
    /// A person giving for themselves.
    case `private`
    /// On behalf of an organisation (a company, a church, a foundation).
    case organisation
    /// Through a crowdfunding campaign.
    case campaign
    /// At an event (the takings of a benefit evening).
    case event
    /// A partner organisation's contribution.
    case partner
}
