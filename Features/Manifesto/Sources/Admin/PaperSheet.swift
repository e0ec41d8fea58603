import Foundation
import KrachtCore

/// A paper list as typed from the sheet, one signer per line ("Anna de Wit; Nieuw West"),
/// read line by line so that each bad line can be named with its own reason.
struct PaperSheet: Sendable {
    struct Entry: Sendable, Encodable, Equatable {
        var name: String
        var district: String
        var districtName: String
    }
    /// A line that cannot be recorded: its number on the form, the line, why.
    struct BadLine: Sendable, Encodable, Equatable {
        var number: Int
        var text: String
        var reason: Reason
    }
    enum Reason: String, Sendable, Encodable {
        case noDistrict = "no_district", noName = "no_name", nameTooLong = "name_too_long"
        case nameCharacters = "name_characters", unknownDistrict = "unknown_district"
    }

    static let maxLines = 500
    static let maxNameLength = 100

    var entries: [Entry] = []
    var bad: [BadLine] = []
    /// Lines with text on them (blank lines are skipped, not counted as signers).
    var lineCount = 0

    /// Every line is read; numbers are the lines as the coordinator sees them in the textarea.
    static func read(_ text: String, districts: [ReferenceData.District], outside: String) -> PaperSheet {
        var sheet = PaperSheet()
        let index = DistrictIndex(districts: districts, outside: outside)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            sheet.lineCount += 1
            guard sheet.lineCount <= maxLines else { continue }
            let bad = { (reason: Reason) in sheet.bad.append(BadLine(number: offset + 1, text: String(line.prefix(200)), reason: reason)) }
            guard let (rawName, rawDistrict) = split(line) else {
                bad(.noDistrict)
                continue
            }
            let (name, problem) = TextField.check(rawName, maxLength: maxNameLength)
            switch problem {
            case .missing?: bad(.noName)
            case .tooLong?: bad(.nameTooLong)
            case .invalidCharacters?: bad(.nameCharacters)
            case nil:
                if rawDistrict.isEmpty {
                    bad(.noDistrict)
                } else if let district = index.find(rawDistrict) {
                    sheet.entries.append(Entry(name: name, district: district.slug, districtName: district.name))
                } else {
                    bad(.unknownDistrict)
                }
            }
        }
        return sheet
    }

    /// "name; district", or a tab between them (pasted from a spreadsheet); a comma only when
    /// there is neither, taking the last one ("Wit, Anna, Oost" keeps "Wit, Anna").
    static func split(_ line: String) -> (String, String)? {
        for separator: Character in [";", "\t", ","] {
            if let at = line.lastIndex(of: separator) {
                return (String(line[..<at]), String(line[line.index(after: at)...]).trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }
}

/// The districts by every way a sheet writes them: name or slug without hyphens, spaces, case
/// or accents ("nieuw west", "Nieuw-West", "NIEUWWEST"), or the municipality's code ("F").
struct DistrictIndex: Sendable {
    private var byKey: [String: (slug: String, name: String)] = [:]

    init(districts: [ReferenceData.District], outside: String) {
        for district in districts {
            for form in [district.name, district.slug, district.code] {
                byKey[Self.key(form)] = (district.slug, district.name)
            }
        }
        for form in [outside, "buiten Amsterdam", "outside Amsterdam", "buiten"] {
            byKey[Self.key(form)] = (outside, "buiten Amsterdam")
        }
    }

    func find(_ raw: String) -> (slug: String, name: String)? { byKey[Self.key(raw)] }

    static func key(_ text: String) -> String {
        String(
            text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                .unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}
