import Foundation

/// A message read as its MIME tree, for tests of attachments and inline images.
extension MailSink {
    public struct Part {
        /// Header names in lower case, values unfolded.
        public var headers: [String: String]
        public var children: [Part]
        /// The decoded body of a leaf (base64 undone).
        public var body: Data

        public func header(_ name: String) -> String? { headers[name.lowercased()] }
        /// `multipart/mixed`, `image/png`, …, in lower case.
        public var mimeType: String {
            (header("content-type") ?? "text/plain").split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            } ?? ""
        }
        /// The `filename` of its Content-Disposition.
        public var filename: String? { header("content-disposition").flatMap { MailSink.parameter("filename", in: $0) } }
        public var isAttachment: Bool { header("content-disposition")?.lowercased().hasPrefix("attachment") ?? false }
        /// The parts without children, depth first.
        public var leaves: [Part] { children.isEmpty ? [self] : children.flatMap(\.leaves) }
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public static func mimeTree(_ raw: String) -> Part {
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let split = normalized.range(of: "\n\n")
        let headerText = split.map { String(normalized[..<$0.lowerBound]) } ?? normalized
        let bodyText = split.map { String(normalized[$0.upperBound...]) } ?? ""
        var headers: [String: String] = [:]
        for line in headerText.replacingOccurrences(of: "\n ", with: " ").replacingOccurrences(of: "\n\t", with: " ")
            .split(separator: "\n")
        {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if let type = headers["content-type"], type.lowercased().hasPrefix("multipart/"), let boundary = parameter("boundary", in: type) {
            var children: [Part] = []
            var current: [Substring]?
            for line in bodyText.split(separator: "\n", omittingEmptySubsequences: false) {
                if line == "--\(boundary)" || line == "--\(boundary)--" {
                    if let current { children.append(mimeTree(current.joined(separator: "\n"))) }
                    current = line == "--\(boundary)--" ? nil : []
                } else {
                    current?.append(line)
                }
            }
            return Part(headers: headers, children: children, body: Data())
        }
        let body: Data
        if headers["content-transfer-encoding"]?.lowercased() == "base64" {
            body = Data(base64Encoded: bodyText.filter { !$0.isWhitespace }) ?? Data()
        } else {
            body = Data(bodyText.utf8)
        }
        return Part(headers: headers, children: [], body: body)
    }

    /// A header parameter's value (`boundary="…"`, `filename=…`).
    static func parameter(_ name: String, in value: String) -> String? {
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            return pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
