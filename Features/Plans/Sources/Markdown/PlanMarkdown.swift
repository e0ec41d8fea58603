import Foundation
import KrachtCore

/// A plan's Markdown as safe HTML (helper M replaces this stub with Ink plus sanitising: no raw
/// HTML, only http(s)/mailto/relative links, images as their alt text — no third-party requests).
public enum PlanMarkdown {
    public static func html(_ markdown: String) -> String {
        "<p>" + markdown.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;") + "</p>"
    }
}
