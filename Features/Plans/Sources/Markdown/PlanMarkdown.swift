import KrachtCore

/// A plan's Markdown as safe HTML: Core's `SafeMarkdown` (moved there so mailings and stories
/// render Markdown the same way); the plans' name stays for their many callers.
public typealias PlanMarkdown = SafeMarkdown
