import Foundation

/// Ways to pass a page on that cost nobody privacy: the address to copy (for Signal or any
/// app), plain links that open WhatsApp, mail or SMS only when tapped, and a QR code drawn
/// here. No third-party script, button or request. Shown by `#extend("partials/share", …)`.
public struct ShareLinks: Encodable, Sendable {
    public var url: String
    public var whatsapp: String
    public var email: String
    public var sms: String
    /// An SVG, drawn by `QRCode`.
    public var qr: String
    /// In place of the default "this link is yours" introduction and label, for a link that is
    /// no one's own.
    public var intro: String?
    public var label: String?

    /// `message` is the text sent along, `subject` a mail's subject; `qrTitle` names the code for screen readers.
    public init(
        url: String, message: String, subject: String, qrTitle: String, intro: String? = nil, label: String? = nil
    ) throws {
        let text = message + " " + url
        self.url = url
        self.intro = intro
        self.label = label
        whatsapp = "https://wa.me/?text=" + Self.encode(text)
        email = "mailto:?subject=" + Self.encode(subject) + "&body=" + Self.encode(text)
        sms = "sms:?&body=" + Self.encode(text)
        qr = try QRCode(text: url).svg(moduleSize: 4, title: qrTitle)
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
