import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The statement formats the fund reads.
public enum StatementFormat: String, Sendable {
    case camt053 = "camt.053"
    case mt940
}

/// A statement file, on disk (`kracht fund import-statement`) or uploaded.
public enum StatementSource: Sendable {
    case file(URL)
    case data(Data)
}

/// Reads a whole statement before anything is written: the format from its first bytes, the
/// size against the cap (before reading it), and for XML a prolog without any DTD, so an entity
/// bomb or an external entity is refused without ever being expanded or fetched.
public enum StatementReader {
    public struct Statement: Sendable {
        public var format: StatementFormat
        public var lines: [StatementLine]
    }

    public static func read(_ source: StatementSource, maxBytes: Int) throws -> Statement {
        let size: Int
        switch source {
        case .file(let url):
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            guard let bytes = (attributes?[.size] as? NSNumber)?.intValue else { throw StatementProblem("unreadable") }
            size = bytes
        case .data(let data): size = data.count
        }
        guard size <= maxBytes else {
            throw StatementProblem("too_large", ["size": megabytes(size), "max": megabytes(maxBytes)])
        }
        guard size > 0 else { throw StatementProblem("empty") }
        let head = try self.head(of: source)
        switch try detect(head) {
        case .camt053:
            try XMLProlog.check(head)
            let lines: [StatementLine]
            switch source {
            case .file(let url):
                guard let stream = InputStream(url: url) else { throw StatementProblem("unreadable") }
                lines = try CamtReader.read(XMLParser(stream: stream))
            case .data(let data): lines = try CamtReader.read(XMLParser(data: data))
            }
            return Statement(format: .camt053, lines: lines)
        case .mt940:
            let data: Data
            switch source {
            // Mapped, not read: a large file costs address space, not memory.
            case .file(let url): data = try Data(contentsOf: url, options: .alwaysMapped)
            case .data(let bytes): data = bytes
            }
            return Statement(format: .mt940, lines: try MT940Reader.read(data))
        }
    }

    static func megabytes(_ bytes: Int) -> String { "\((bytes + (1 << 20) - 1) >> 20) MB" }

    private static func head(of source: StatementSource) throws -> Data {
        switch source {
        case .data(let data): return data.prefix(65_536)
        case .file(let url):
            guard let handle = try? FileHandle(forReadingFrom: url) else { throw StatementProblem("unreadable") }
            defer { try? handle.close() }
            return (try? handle.read(upToCount: 65_536)) ?? Data()
        }
    }

    /// XML starts with `<` (after a byte order mark and white space); MT940 has a `:20:` field
    /// near its start (some banks put a header line or a SWIFT block before it).
    static func detect(_ head: Data) throws -> StatementFormat {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if first == UInt8(ascii: "<") { return .camt053 }
        let start = String(decoding: bytes.prefix(2048), as: UTF8.self)
        if start.contains(":20:") && (start.contains(":25:") || start.contains(":60F:")) { return .mt940 }
        throw StatementProblem("unknown_format")
    }
}

/// The part of an XML file before its root element, checked by hand before any XML parser sees
/// it: only white space, the XML declaration, processing instructions and comments may be
/// there. A `<!DOCTYPE` (where entities are declared) is refused, and so is anything we cannot
/// read as ASCII-compatible text (UTF-16 would hide a DOCTYPE from this check).
enum XMLProlog {
    static func check(_ head: Data) throws {
        var bytes = Array(head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var index = 0
        func starts(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text.utf8)
            return position + pattern.count <= bytes.count && Array(bytes[position..<(position + pattern.count)]) == pattern
        }
        func skip(past end: String) throws {
            let pattern = Array(end.utf8)
            while index + pattern.count <= bytes.count {
                if Array(bytes[index..<(index + pattern.count)]) == pattern {
                    index += pattern.count
                    return
                }
                index += 1
            }
            throw StatementProblem("malformed_xml", ["line": "1"])
        }
        while index < bytes.count {
            let byte = bytes[index]
            if [0x20, 0x09, 0x0A, 0x0D].contains(byte) {
                index += 1
            } else if starts("<?", at: index) {
                try skip(past: "?>")
            } else if starts("<!--", at: index) {
                try skip(past: "-->")
            } else if starts("<!", at: index) {
                throw StatementProblem("dtd")
            } else if byte == UInt8(ascii: "<"), index + 1 < bytes.count, bytes[index + 1] < 0x80,
                Character(Unicode.Scalar(bytes[index + 1])).isLetter
            {
                return
            } else {
                throw StatementProblem("malformed_xml", ["line": "1"])
            }
        }
        throw StatementProblem("malformed_xml", ["line": "1"])
    }
}
