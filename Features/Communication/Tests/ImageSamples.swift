import Foundation
import KrachtCore

/// Small images built byte by byte, with the metadata a phone would write.
enum ImageSamples {
    static var vips: String? { FileManager.default.isExecutableFile(atPath: "/usr/bin/vips") ? "/usr/bin/vips" : nil }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A valid 8×8 grey baseline JPEG with an APP1 `Exif` block (TIFF IFD0 with the GPS IFD
    /// pointer 0x8825, a GPS IFD with GPSLatitudeRef and GPSLatitude) and a comment.
    static func jpegWithGPS() -> Data {
        var tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]
        // IFD0: one entry, GPSInfo (0x8825, LONG) → offset 26.
        tiff += [0x00, 0x01, 0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x1A, 0x00, 0x00, 0x00, 0x00]
        // GPS IFD at 26: GPSLatitudeRef 'N', GPSLatitude 3 RATIONALs at offset 56.
        tiff += [0x00, 0x02]
        tiff += [0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x4E, 0x00, 0x00, 0x00]
        tiff += [0x00, 0x02, 0x00, 0x05, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x38]
        tiff += [0x00, 0x00, 0x00, 0x00]
        tiff += [0, 0, 0, 52, 0, 0, 0, 1, 0, 0, 0, 22, 0, 0, 0, 1, 0, 0, 0, 12, 0, 0, 0, 1]  // 52° 22' 12"
        let exif = Array("Exif\0\0".utf8) + tiff
        var out: [UInt8] = [0xFF, 0xD8]
        out += [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF\0".utf8) + [0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
        out += [0xFF, 0xE1] + be16(exif.count + 2) + exif
        let comment = Array("Secret comment".utf8)
        out += [0xFF, 0xFE] + be16(comment.count + 2) + comment
        // DQT: table 0, all ones.
        out += [0xFF, 0xDB, 0x00, 0x43, 0x00] + [UInt8](repeating: 1, count: 64)
        // SOF0: 8 bits, 8×8, one component.
        out += [0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]
        // DHT DC table 0: one code of length 1 for category 0.
        out += [0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01] + [UInt8](repeating: 0, count: 15) + [0x00]
        // DHT AC table 0: one code of length 1 for EOB.
        out += [0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01] + [UInt8](repeating: 0, count: 15) + [0x00]
        // SOS, then DC diff 0 and EOB: bits 0 0, padded with ones.
        out += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
        out += [0x3F]
        out += [0xFF, 0xD9]
        return Data(out)
    }

    /// A PNG of one grey row (or `width` × `height` of zeros) with tEXt, iTXt, eXIf and tIME chunks.
    static func pngWithText(width: Int = 1, height: Int = 1) -> Data {
        var out = PNGEncoding.signature
        out += chunk("IHDR", be32(width) + be32(height) + [8, 0, 0, 0, 0])
        out += chunk("tEXt", Array("Location\0Amsterdam Oost".utf8))
        out += chunk("iTXt", Array("Author\0\0\0\0\0Amsterdam".utf8))
        out += chunk("eXIf", Array("MM\0*Amsterdam".utf8))
        out += chunk("tIME", [0x07, 0xEA, 12, 1, 10, 0, 0])
        let raw = [UInt8](repeating: 0, count: (width + 1) * height)
        out += chunk("IDAT", PNGEncoding.zlibStored(raw))
        out += chunk("IEND", [])
        return Data(out)
    }

    /// Only a PNG signature and IHDR: the size a bomb claims.
    static func pngHeader(width: Int, height: Int) -> Data {
        var out = PNGEncoding.signature
        out += chunk("IHDR", be32(width) + be32(height) + [8, 0, 0, 0, 0])
        out += chunk("IDAT", PNGEncoding.zlibStored([0, 0]))
        out += chunk("IEND", [])
        return Data(out)
    }

    /// An extended WebP: VP8X (with EXIF and XMP flags), a lossless bitstream header, EXIF and XMP.
    static func webpWithMetadata() -> Data {
        func le32(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
        func riffChunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            Array(type.utf8) + le32(body.count) + body + (body.count % 2 == 1 ? [0] : [])
        }
        let vp8x: [UInt8] = [0x0C, 0, 0, 0, 15, 0, 0, 8, 0, 0]
        let bits = (16 - 1) | (9 - 1) << 14
        let vp8l: [UInt8] = [0x2F] + le32(bits) + [0, 0, 0]
        let payload =
            riffChunk("VP8X", vp8x) + riffChunk("VP8L", vp8l) + riffChunk("EXIF", Array("MM\0*GPS Amsterdam".utf8))
            + riffChunk("XMP ", Array("<x:xmpmeta/>".utf8))
        return Data(Array("RIFF".utf8) + le32(payload.count + 4) + Array("WEBP".utf8) + payload)
    }

    static func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    /// A PNG chunk (length, type, data, CRC) as bytes: Core's `PNGEncoding`.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] { Array(PNGEncoding.chunk(type, data)) }
}
