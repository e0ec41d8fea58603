/// Money is integer euro cents, never floating point.
public enum Money {
    /// "€ 1.234,56" in Dutch, "€1,234.56" in English.
    public static func format(cents: Int64, in language: Language) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let euros = Int64(magnitude / 100), rest = magnitude % 100
        let fraction = rest < 10 ? "0\(rest)" : "\(rest)"
        switch language {
        case .nl: return "\(sign)€ \(group(euros, separator: "."))," + fraction
        case .en: return "\(sign)€\(group(euros, separator: ","))." + fraction
        }
    }

    /// Digits grouped by three: 1234567 → "1.234.567".
    public static func group(_ value: Int64, separator: String) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, char) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += separator }
            out.append(char)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// Parses what a person types ("12", "12,50", "12.50", "€ 1.000") into cents; nil if it is not an amount.
    public static func parseCents(_ text: String) -> Int64? {
        var s = text.replacingOccurrences(of: "€", with: "").replacingOccurrences(of: " ", with: "")
        guard !s.isEmpty, s.count <= 15 else { return nil }
        // The last separator followed by one or two digits is the decimal point.
        var fraction = "00"
        if let sep = s.lastIndex(where: { $0 == "," || $0 == "." }), s.distance(from: sep, to: s.endIndex) <= 3,
            s.distance(from: sep, to: s.endIndex) >= 2
        {
            fraction = String(s[s.index(after: sep)...])
            if fraction.count == 1 { fraction += "0" }
            s = String(s[..<sep])
        }
        s = s.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "")
        guard !s.isEmpty, s.allSatisfy(\.isASCII), let euros = Int64(s), let cents = Int64(fraction), euros >= 0 else {
            return nil
        }
        return euros * 100 + cents
    }
}
