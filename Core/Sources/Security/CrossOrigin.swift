import Vapor

/// Whether a browser sent this request from another site, by what the browser itself says
/// (OWASP's "Fetch Metadata" defence, and Go 1.25's `net/http.CrossOriginProtection`): a page
/// elsewhere can make a visitor's browser post a form here, but cannot choose these headers.
enum CrossOrigin {
    /// True when the browser says the request comes from another origin:
    /// - `Sec-Fetch-Site` (every browser since 2023): anything but `same-origin` or `none` (typed
    ///   in, a bookmark); `same-site` too, as a sibling subdomain is another party;
    /// - else `Origin` (older browsers): its host and port differ from the request's `Host` and
    ///   from the configured base URL's (a proxy may hand us its own `Host`); `null` is foreign;
    /// - neither: not a browser, or one too old for either: allowed (see docs/security.md).
    static func isCrossOrigin(_ req: Request) -> Bool {
        if let site = req.headers.first(name: "Sec-Fetch-Site") {
            return site != "same-origin" && site != "none"
        }
        guard let origin = req.headers.first(name: .origin) else { return false }
        guard let host = hostAndPort(ofOrigin: origin) else { return true }
        let ours = [req.headers.first(name: .host)?.lowercased(), hostAndPort(ofOrigin: req.application.config.baseURL)]
        return !ours.contains(host)
    }

    /// `host[:port]` of an origin (`https://example.nl:8443` → `example.nl:8443`), lower case,
    /// without the scheme's default port; nil for `null` or anything else unreadable.
    static func hostAndPort(ofOrigin origin: String) -> String? {
        guard let parts = URLComponents(string: origin), let scheme = parts.scheme?.lowercased(),
            let host = parts.host?.lowercased(), !host.isEmpty
        else { return nil }
        guard let port = parts.port, port != (scheme == "https" ? 443 : 80) else { return host }
        return host + ":\(port)"
    }
}
