import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Communication

/// Photos lose their metadata (EXIF GPS above all) in the bytes that are stored; anything that
/// is not a JPEG, PNG or WebP by its bytes, too large, or a decompression bomb is refused and
/// leaves nothing behind.
final class ImageUploadTests: XCTestCase {
    func testJPEGLosesItsEXIFAndGPSAndStaysAJPEG() async throws {
        let original = ImageSamples.jpegWithGPS()
        XCTAssertTrue(original.range(of: Data("Exif".utf8)) != nil)
        try await withApp(features: CommunicationFixture.features) { app in
            let stored = try await ImageUpload.store(original, folder: "test-images", app: app)
            XCTAssertEqual(stored.format, "jpeg")
            XCTAssertEqual(stored.width, 8)
            XCTAssertEqual(stored.height, 8)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: app.config.dataDirectory + "/test-images/" + stored.originalFile))
            XCTAssertNil(bytes.range(of: Data("Exif".utf8)))
            XCTAssertNil(bytes.range(of: Data([0x88, 0x25])), "GPS IFD pointer tag")
            XCTAssertNil(bytes.range(of: Data([0x25, 0x88])), "GPS IFD pointer tag (little-endian)")
            XCTAssertNil(bytes.range(of: Data("Secret comment".utf8)))
            XCTAssertEqual(Array(bytes.prefix(3)), [0xFF, 0xD8, 0xFF])
            XCTAssertEqual(Array(bytes.suffix(2)), [0xFF, 0xD9])
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/vipsheader") {
                let path = app.config.dataDirectory + "/test-images/" + stored.originalFile
                XCTAssertEqual(try ImageSamples.run("/usr/bin/vipsheader", ["-f", "width", path]), "8")
            }
        }
    }

    func testWebSizesAreMadeWithoutMetadataAndNeverUpscaled() async throws {
        guard let tool = ImageSamples.vips else { throw XCTSkip("vips is not installed") }
        let directory = NSTemporaryDirectory() + "kracht-img-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try ImageSamples.run(tool, ["black", directory + "/big.jpg", "1200", "800", "--bands", "3"])
        let big = try Data(contentsOf: URL(fileURLWithPath: directory + "/big.jpg"))
        try await withApp(features: CommunicationFixture.features) { app in
            let stored = try await ImageUpload.store(big, folder: "test-images", app: app)
            XCTAssertEqual(stored.widths, [480, 960])
            for width in stored.widths {
                let path = app.config.dataDirectory + "/test-images/" + stored.file(width: width)
                XCTAssertEqual(try ImageSamples.run("/usr/bin/vipsheader", ["-f", "width", path]), String(width))
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                XCTAssertNil(bytes.range(of: Data("Exif".utf8)))
            }
        }
    }

    func testWithoutVipsOnlyTheCleanedOriginalIsKept() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            app.imageThumbnailTool = .some(nil)
            let stored = try await ImageUpload.store(ImageSamples.pngWithText(width: 2000, height: 10), folder: "test-images", app: app)
            XCTAssertEqual(stored.widths, [])
            XCTAssertEqual(stored.file(atMost: 480), stored.originalFile)
            XCTAssertTrue(ImageUpload.exists(stored, folder: "test-images", app: app))
        }
    }

    func testPNGLosesTextEXIfAndTime() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            app.imageThumbnailTool = .some(nil)
            let stored = try await ImageUpload.store(ImageSamples.pngWithText(), folder: "test-images", app: app)
            XCTAssertEqual(stored.format, "png")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: app.config.dataDirectory + "/test-images/" + stored.originalFile))
            for chunk in ["tEXt", "eXIf", "tIME", "iTXt", "zTXt", "Amsterdam"] {
                XCTAssertNil(bytes.range(of: Data(chunk.utf8)), chunk)
            }
            XCTAssertNotNil(bytes.range(of: Data("IDAT".utf8)))
            XCTAssertNotNil(bytes.range(of: Data("IEND".utf8)))
        }
    }

    func testWebPLosesEXIFAndXMPAndItsFlags() throws {
        let webp = ImageSamples.webpWithMetadata()
        let cleaned = try ImageCleaner.clean(webp)
        XCTAssertEqual(cleaned.format, "webp")
        XCTAssertEqual(cleaned.width, 16)
        XCTAssertEqual(cleaned.height, 9)
        let bytes = [UInt8](cleaned.data)
        XCTAssertNil(cleaned.data.range(of: Data("EXIF".utf8)))
        XCTAssertNil(cleaned.data.range(of: Data("XMP ".utf8)))
        XCTAssertEqual(bytes[20] & 0x0C, 0, "EXIF and XMP flags cleared")
        let riffSize = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        XCTAssertEqual(riffSize, bytes.count - 8)
    }

    func testJPEGLosesItsJFIFAndJFXXThumbnails() throws {
        var bytes = [UInt8](ImageSamples.jpegWithGPS())
        XCTAssertEqual(Array(bytes[2..<4]), [0xFF, 0xE0])
        // JFIF with a 1×3 RGB thumbnail, then a JFXX extension with a 1×1 RGB thumbnail.
        let thumbnail = Array("THUMBNAIL".utf8)
        let jfif = Array("JFIF\0".utf8) + [0x01, 0x02, 0x01, 0x00, 0x48, 0x00, 0x48, 0x01, 0x03] + thumbnail
        let jfxx = Array("JFXX\0".utf8) + [0x13, 0x01, 0x01] + Array("UNC".utf8)
        let segments = [0xFF, 0xE0] + ImageSamples.be16(jfif.count + 2) + jfif + [0xFF, 0xE0] + ImageSamples.be16(jfxx.count + 2) + jfxx
        bytes.replaceSubrange(2..<20, with: segments)
        let cleaned = try ImageCleaner.clean(Data(bytes))
        XCTAssertEqual(cleaned.format, "jpeg")
        XCTAssertEqual(cleaned.width, 8)
        XCTAssertNil(cleaned.data.range(of: Data("JFXX".utf8)))
        XCTAssertNil(cleaned.data.range(of: Data("THUMBNAIL".utf8)))
        XCTAssertNil(cleaned.data.range(of: Data("UNC".utf8)))
        // The JFIF header stays, with its density and no thumbnail.
        let out = [UInt8](cleaned.data)
        XCTAssertEqual(Array(out[2..<6]), [0xFF, 0xE0, 0x00, 0x10])
        XCTAssertEqual(Array(out[6..<11]), Array("JFIF\0".utf8))
        XCTAssertEqual(Array(out[13..<20]), [0x01, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00])
    }

    func testWebPKeepsOnlyTheChunksOfItsPicture() throws {
        func le32(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
        func riffChunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            Array(type.utf8) + le32(body.count) + body + (body.count % 2 == 1 ? [0] : [])
        }
        // Flags: ICC (no ICCP chunk follows), alpha, EXIF, XMP and a reserved bit.
        let vp8x: [UInt8] = [0x20 | 0x10 | 0x08 | 0x04 | 0x80, 0, 0, 0, 15, 0, 0, 8, 0, 0]
        let vp8l: [UInt8] = [0x2F] + le32((16 - 1) | (9 - 1) << 14) + [0, 0, 0]
        let payload =
            riffChunk("VP8X", vp8x) + riffChunk("ALPH", [0, 1, 2]) + riffChunk("VP8L", vp8l)
            + riffChunk("THMB", Array("uncropped original".utf8)) + riffChunk("exif", Array("GPS Amsterdam".utf8))
            + riffChunk("EXIF", Array("MM\0*GPS".utf8))
        let webp = Data(Array("RIFF".utf8) + le32(payload.count + 4) + Array("WEBP".utf8) + payload)
        let cleaned = try ImageCleaner.clean(webp)
        XCTAssertEqual(cleaned.width, 16)
        let bytes = [UInt8](cleaned.data)
        XCTAssertNil(cleaned.data.range(of: Data("uncropped".utf8)))
        XCTAssertNil(cleaned.data.range(of: Data("Amsterdam".utf8)))
        XCTAssertNil(cleaned.data.range(of: Data("GPS".utf8)))
        XCTAssertNotNil(cleaned.data.range(of: Data("ALPH".utf8)))
        XCTAssertNotNil(cleaned.data.range(of: Data("VP8L".utf8)))
        XCTAssertEqual(bytes[20], 0x10, "only the alpha flag stays: no ICC without its chunk, no EXIF, XMP or reserved bits")
        let riffSize = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        XCTAssertEqual(riffSize, bytes.count - 8)
        XCTAssertEqual(bytes.count, 12 + (8 + 10) + (8 + 4) + (8 + 8))
    }

    func testWhatIsNotAnImageIsRefusedAndNothingStored() async throws {
        var truncated = ImageSamples.jpegWithGPS()
        truncated = truncated.prefix(truncated.count - 10)
        let samples: [(String, Data, ImageUpload.Problem)] = [
            ("text", Data("just some words".utf8), .notAnImage),
            ("html named .jpg", Data("<html><script>alert(1)</script></html>".utf8), .notAnImage),
            ("svg", Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8), .notAnImage),
            ("truncated jpeg", truncated, .notAnImage),
            ("only a jpeg signature", Data([0xFF, 0xD8, 0xFF]), .notAnImage),
            ("empty", Data(), .empty),
            ("bomb", ImageSamples.pngHeader(width: 50_000, height: 50_000), .tooManyPixels),
            ("wide", ImageSamples.pngHeader(width: 10_001, height: 10), .tooManyPixels),
            ("41 megapixels", ImageSamples.pngHeader(width: 6_500, height: 6_500), .tooManyPixels),
        ]
        try await withApp(features: CommunicationFixture.features) { app in
            for (label, data, problem) in samples {
                do {
                    _ = try await ImageUpload.store(data, folder: "test-images", app: app)
                    XCTFail("\(label) was stored")
                } catch let error as ImageUpload.Problem {
                    XCTAssertEqual(error, problem, label)
                }
            }
            app.config.imageMaxBytes = 100
            do {
                _ = try await ImageUpload.store(ImageSamples.jpegWithGPS(), folder: "test-images", app: app)
                XCTFail("too large was stored")
            } catch let error as ImageUpload.Problem { XCTAssertEqual(error, .tooLarge) }
            XCTAssertEqual(ImageUpload.storedNames(folder: "test-images", app: app), [])
        }
    }

    func testServedWithItsTypeNosniffAndNoTraversal() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            app.imageThumbnailTool = .some(nil)
            let stored = try await ImageUpload.store(ImageSamples.jpegWithGPS(), folder: "stories", app: app)
            let req = Request(application: app, on: app.eventLoopGroup.next())
            let response = try await ImageUpload.response(folder: "stories", file: stored.originalFile, req: req)
            XCTAssertEqual(response.headers.contentType?.description, "image/jpeg")
            XCTAssertEqual(response.headers.first(name: "X-Content-Type-Options"), "nosniff")
            XCTAssertTrue(response.headers.first(name: .cacheControl)?.contains("immutable") ?? false)
            for file in [
                "../kracht.sqlite", "..%2Fkracht.sqlite", stored.name + ".svg", stored.name + "-123.jpg", "x.jpg",
                stored.originalFile + "/",
            ] {
                do {
                    _ = try await ImageUpload.response(folder: "stories", file: file, req: req)
                    XCTFail("\(file) served")
                } catch let error as Abort { XCTAssertEqual(error.status, .notFound) }
            }
            try ImageUpload.remove(name: stored.name, folder: "stories", app: app)
            XCTAssertEqual(ImageUpload.storedNames(folder: "stories", app: app), [])
        }
    }
}
