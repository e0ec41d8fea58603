import Foundation
import XCTest

@testable import KrachtCore

/// The QR code as a PNG for mail: a valid greyscale PNG whose stored deflate blocks hold the
/// rows of the symbol, with every CRC and the Adler-32 right.
final class QRCodePNGTests: XCTestCase {
    func testThePNGHasItsSignatureHeaderChecksumsAndTheSymbolsRows() throws {
        // setup
        let code = try QRCode(text: "http://kracht.test/evenementen/inchecken/abc")
        let scale = 8
        let border = 2
        let side = (code.size + 2 * border) * scale

        // MUT
        let png = [UInt8](code.png(moduleSize: scale, border: border))

        // validation: signature and chunks
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var chunks: [(type: String, data: [UInt8])] = []
        var offset = 8
        while offset < png.count {
            let length = Int(be32(png, offset))
            let typed = Array(png[(offset + 4)..<(offset + 8 + length)])
            XCTAssertEqual(be32(png, offset + 8 + length), PNGEncoding.crc32(typed), "CRC of chunk \(chunks.count)")
            chunks.append((String(decoding: typed.prefix(4), as: UTF8.self), Array(typed.dropFirst(4))))
            offset += 12 + length
        }
        XCTAssertEqual(chunks.map(\.type), ["IHDR", "IDAT", "IEND"])
        let header = chunks[0].data
        XCTAssertEqual(be32(header, 0), UInt32(side))
        XCTAssertEqual(be32(header, 4), UInt32(side))
        XCTAssertEqual(Array(header.suffix(5)), [8, 0, 0, 0, 0], "8-bit greyscale")

        // validation: inflate the stored blocks by hand
        let zlib = chunks[1].data
        XCTAssertEqual((Int(zlib[0]) << 8 | Int(zlib[1])) % 31, 0, "zlib header check")
        var pixels: [UInt8] = []
        var at = 2
        var final = false
        while !final {
            final = zlib[at] & 1 == 1
            XCTAssertEqual(zlib[at] >> 1 & 3, 0, "stored block")
            let length = Int(zlib[at + 1]) | Int(zlib[at + 2]) << 8
            let complement = Int(zlib[at + 3]) | Int(zlib[at + 4]) << 8
            XCTAssertEqual(length ^ 0xFFFF, complement)
            pixels += zlib[(at + 5)..<(at + 5 + length)]
            at += 5 + length
        }
        XCTAssertEqual(be32(zlib, at), PNGEncoding.adler32(pixels))
        XCTAssertEqual(at + 4, zlib.count)
        XCTAssertEqual(pixels.count, side * (side + 1))
        XCTAssertGreaterThan(pixels.count, PNGEncoding.maxStoredBlock, "more than one block")
        var expected: [UInt8] = []
        for y in 0..<side {
            expected.append(0)  // filter None
            for x in 0..<side { expected.append(code.isDark(x: x / scale - border, y: y / scale - border) ? 0 : 255) }
        }
        XCTAssertTrue(pixels == expected, "the rows are the symbol's modules")
        XCTAssertTrue(expected.contains(0) && expected.contains(255))
    }

    func testTheChecksumsMatchKnownValues() {
        XCTAssertEqual(PNGEncoding.crc32(Array("IEND".utf8)), 0xAE42_6082)
        XCTAssertEqual(PNGEncoding.adler32(Array("Wikipedia".utf8)), 0x11E6_0398)
    }

    private func be32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }
}
