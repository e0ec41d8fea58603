import Foundation
import KrachtCore

/// Events as an iCalendar object (RFC 5545): one VCALENDAR with the Amsterdam VTIMEZONE and a
/// VEVENT per event, in local time; CRLF lines folded at 75 octets. The UID is the event's id
/// at the site's host, so a calendar that imports the file again updates the event (SEQUENCE
/// says which copy is newer) instead of adding a second one.
struct ICalendar {
    static let zone = "Europe/Amsterdam"
    static let maxDescription = 4_000

    /// X-WR-CALNAME: what a calendar app calls a subscription.
    var name: String
    /// The site, for the UIDs' host and the events' links.
    var baseURL: String
    /// DTSTAMP: when this copy was made.
    var now: Date

    func render(_ events: [Event]) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//De Kracht van Mokum//Kracht//NL", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.text(name), "X-WR-TIMEZONE:" + Self.zone,
        ]
        lines += Self.timeZone
        for event in events { lines += vevent(event) }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined()
    }

    func uid(_ event: Event) -> String {
        let host = URL(string: baseURL)?.host ?? "kracht.local"
        return (event.id?.uuidString.lowercased() ?? "") + "@" + host
    }

    private func vevent(_ event: Event) -> [String] {
        let link = baseURL + EventsPath.event(.value(event.slug)).path
        let description = String(event.description.prefix(Self.maxDescription)) + "\n\n" + link
        var lines = [
            "BEGIN:VEVENT", "UID:" + uid(event), "DTSTAMP:" + Self.utc(now),
            "DTSTART;TZID=\(Self.zone):" + Self.local(event.startsAt), "DTEND;TZID=\(Self.zone):" + Self.local(event.endsAt),
            "SUMMARY:" + Self.text(event.title), "DESCRIPTION:" + Self.text(description),
        ]
        let place = [event.venue, event.address].filter { !$0.isEmpty }.joined(separator: ", ")
        if !place.isEmpty {
            lines.append("LOCATION:" + Self.text(place))
        } else if let online = event.onlineURL, !online.isEmpty {
            lines.append("LOCATION:" + Self.text(online))
        }
        lines += [
            "URL:" + link, "SEQUENCE:\(max(0, event.sequence))", "STATUS:" + (event.isCancelled ? "CANCELLED" : "CONFIRMED"),
            "LAST-MODIFIED:" + Self.utc(event.updatedAt), "CATEGORIES:" + Self.text(event.kind.rawValue.uppercased()),
            "END:VEVENT",
        ]
        return lines
    }

    /// Amsterdam's rules since 1996: summer time from the last Sunday of March 02:00 (+0200) to the
    /// last Sunday of October 03:00 (+0100).
    static let timeZone = [
        "BEGIN:VTIMEZONE", "TZID:" + zone, "X-LIC-LOCATION:" + zone,
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// A TEXT value (§3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`, other
    /// control characters dropped.
    static func text(_ value: String) -> String {
        var out = ""
        var scalars = value.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r": out += "\\n"
            default:
                if scalar.properties.generalCategory == .control { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One content line, folded (§3.1): at most 75 octets a line, a continuation starting with a
    /// space, never splitting a UTF-8 sequence; CRLF after each line.
    static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out + "\r\n"
    }

    static func utc(_ date: Date) -> String { stamp(date, in: utcCalendar) + "Z" }
    static func local(_ date: Date) -> String { stamp(date, in: AmsterdamTime.calendar) }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static func stamp(_ date: Date, in calendar: Calendar) -> String {
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0, p.second ?? 0)
    }
}
