import XCTest

@testable import KrachtCore

/// Reference matrices were produced by the Python `qrcode` package (8.2) in byte mode:
/// `QRCode(version=None, error_correction=…, box_size=1, border=0, mask_pattern=…)`,
/// `add_data(QRData(text.encode("utf-8"), mode=MODE_8BIT_BYTE), optimize=0)`, `make(fit=True)`,
/// `get_matrix()`. Each row is hex, most significant bit first, padded with zeros to whole digits.
final class QRCodeTests: XCTestCase {
    struct Reference {
        let text: String
        let correction: QRCode.ErrorCorrection
        let version: Int
        let mask: Int
        let rows: String
    }

    // The mask here is the one `qrcode` picks by the ISO penalty rules.
    static let references: [Reference] = [
        Reference(
            text: "https://krachtvanmokum.nl",
            correction: .low, version: 2, mask: 6,
            rows: """
                fe9a3f8
                8264208
                ba2e2e8
                ba0dae8
                ba56ae8
                822e208
                feaabf8
                00b4000
                da73a08
                18cf5f0
                73b7748
                0d7b4f8
                ded9308
                f8c5890
                ef7faf8
                8910768
                b2cdfb0
                00fd8b0
                fe7ca88
                8245898
                baf9f80
                bad6e18
                ba3dcf8
                82a07b8
                fea8848
                """
        ),
        Reference(
            text: "Ünïcödé ✊ kracht",
            correction: .high, version: 3, mask: 2,
            rows: """
                fefd6bf8
                8290b208
                ba9d1ae8
                ba27f2e8
                ba74b2e8
                82f33a08
                feaaabf8
                00e11000
                3a8b2738
                dd2707e0
                1fa76418
                0d3d4aa8
                6bfb8210
                6ca3ede0
                6fe03518
                c0926958
                2ecb6930
                d8583fb0
                b38be528
                908a8218
                9b0affa0
                00d588f8
                fe607aa8
                822ef8f0
                baa74f90
                bacaae00
                bae11210
                8260ed50
                fe6112a0
                """
        ),
        Reference(
            text: "https://krachtvanmokum.nl/manifest?ref=markt-dappermarkt",
            correction: .medium, version: 4, mask: 2,
            rows: """
                fe6cbb3f8
                82072ea08
                bac48eae8
                bacac3ae8
                bad55dae8
                82d98ea08
                feaaaabf8
                00e30c000
                be077abe0
                29b8bf378
                9a69ee6b0
                0dc335cf8
                d711524c0
                707ffd378
                6a60427b0
                2d7cb5e20
                f70843dc8
                5036fd378
                c2d3ec7b0
                0c079edf0
                671adadd0
                f45d5f248
                aab7cca50
                9c6d2fe60
                8fed42fc8
                00eebc8a8
                fe738dab0
                828cad8e8
                bae832fd0
                badffa4b8
                ba9002f00
                8208a50e0
                feca63d10
                """
        ),
        Reference(
            text:
                "https://krachtvanmokum.nl/manifest?ref=markt-dappermarkt&utm_source=poster&utm_medium=print&utm_campaign=najaar-2026-buurtactie-mokum-oost",
            correction: .quartile, version: 10, mask: 4,
            rows: """
                fe5071e20aef3f8
                821765fefd81208
                baa68f677c0f2e8
                ba70c1ffa0d12e8
                bad8683fc2652e8
                82daaf227c06208
                feaaaaaaaaaabf8
                007267a22643000
                4ac475ff8d015a0
                b05742d35971b70
                2ea14bfed07e2e0
                c42fcb75b91ee00
                5ad5596b996e348
                4c1f139f9a71a70
                2fb0b60fcbe02d0
                712f94827d08d10
                968e5b8ddd4b708
                90e6e0705b6dbb0
                7a00b42c136ca70
                713f94430d1ce50
                ee4db18cdb2e240
                05fc6335436dad8
                de1ba1accfe9d88
                f87e7b5e08df140
                3792775e3e6e118
                18b94b1d732db90
                8fcc64bff395ff0
                f8d958e3f86a890
                9aaa236bdd4da88
                98f25a22dbed8c0
                afa293bfcbbcfa0
                c1471299894ea10
                130cb8307b68a80
                852c0e645364d60
                66d4bd02127d9f0
                119262a66a4aad0
                f69bdd49bb7c1c8
                315813be4b65970
                5ef7861ec2394e0
                8ca81f5e3050e88
                cb8d900b525a2d8
                cdeda2dd476e760
                86c750078ce6490
                7cdc6cee3a3ce18
                5e0c0b89af6a1d0
                24d077765a28b50
                a642f20287b5010
                f97209767d28b08
                029d4afe3b08ff8
                0098d92302a98b0
                fe17b32bde24ad0
                82608b63994a8c8
                baf3d03efd69fc0
                ba4087da5af9fd8
                ba2fcf82dbf4480
                82dfaadb6fb8580
                fe6dbf49d98f088
                """
        ),
    ]

    /// "KRACHT", low correction (version 1) under each of the eight masks, rows concatenated.
    static let kracht: [String] = [
        "fe2bf8820a08baa2e8ba0ae8ba5ae8827208feabf800a000efae20507540f3b718c0fd88caf720008350fea8f8828318baebb8ba1450ba97c882bd10fe9638",
        "fefbf882da08ba72e8ba5ae8ba8ae882a208feabf800f000e6ff98052010a6e24895a8d89fa27000d600fe7da882d648ba3ee8ba4100bac29882e840fec368",
        "fe4bf8829208ba42e8ba92e8ba3ae882ea08feabf8003800fbcd50956930cb549005e1f8f214a8009f20fecb70821f68ba8830ba8820baf44082a160fef5b0",
        "fecbf8824a08baaae8ba92e8bae2e8820208feabf8006000f2a4e89569307f8ff8dc8c48f214a800c448fe26c0821f68ba5358bae590baf44082fa08fe9800",
        "fe8bf882d208bafae8baaae8ba7ae882aa08feabf8000000ce0978e4ae28476c7089d91883d3b000d838fe739082a788bacf28ba4f38ba4ca0829980feb2a8",
        "fe7bf8825208ba42e8baf2e8babae8822a08feabf8007800c748c0ad8ab8cb549015a0f89fa27000de20fecb7082fce0ba0830ba4920ba429882e060fef5b0",
        "fefbf8825208ba62e8ba72e8ba2ae8821a08feabf800f800da6a08ad8ab8efc6d81990389fa27000d838fe6fe0827ce0ba9a78baf9e0ba429882e678fed120",
        "fe2bf882aa08bab2e8ba0ae8bafae882e208feabf8008000d33bb0507540ba9388e46fc0caf72000a7c0febab0820318ba4f28ba8618ba17c8829980fe8470",
    ]

    func testMatricesMatchTheReferenceIncludingItsMaskChoice() throws {
        for reference in Self.references {
            // MUT: automatic version and mask selection
            let code = try QRCode(text: reference.text, correction: reference.correction)

            // validation: same version, same mask, same modules
            XCTAssertEqual(code.version, reference.version, reference.text)
            XCTAssertEqual(code.mask, reference.mask, reference.text)
            XCTAssertEqual(code.size, reference.version * 4 + 17)
            XCTAssertEqual(rows(of: code), decode(reference.rows, size: code.size), reference.text)
        }
    }

    func testEveryMaskMatchesTheReference() throws {
        for (mask, hex) in Self.kracht.enumerated() {
            // MUT: a fixed mask
            let code = try QRCode(text: "KRACHT", correction: .low, mask: mask)

            // validation
            XCTAssertEqual(code.version, 1)
            XCTAssertEqual(rows(of: code), decode(hex, size: 21), "mask \(mask)")
        }
    }

    func testPicksTheSmallestVersionThatFits() throws {
        // 14 bytes fill version 1 at medium correction; one more needs version 2.
        XCTAssertEqual(try QRCode(text: String(repeating: "a", count: 14)).version, 1)
        XCTAssertEqual(try QRCode(text: String(repeating: "a", count: 15)).version, 2)
        // A poster link of 150 characters stays small enough to print.
        let link = "https://krachtvanmokum.nl/manifest?ref=" + String(repeating: "x", count: 111)
        XCTAssertEqual(link.utf8.count, 150)
        XCTAssertEqual(try QRCode(text: link, correction: .medium).version, 8)
        XCTAssertEqual(try QRCode(text: link, correction: .high).version, 12)
    }

    func testTextThatDoesNotFitThrows() throws {
        XCTAssertEqual(try QRCode(text: String(repeating: "a", count: 2953), correction: .low).version, 40)
        XCTAssertThrowsError(try QRCode(text: String(repeating: "a", count: 2332), correction: .medium)) { error in
            XCTAssertEqual(
                error as? QRCode.EncodingError,
                .textTooLong(byteCount: 2332, maximumByteCount: 2331, correction: .medium)
            )
        }
    }

    func testOutsideTheSymbolIsLight() throws {
        let code = try QRCode(text: "KRACHT")
        XCTAssertTrue(code.isDark(x: 0, y: 0))
        XCTAssertFalse(code.isDark(x: -1, y: 0))
        XCTAssertFalse(code.isDark(x: 0, y: code.size))
    }

    func testSVGIsASinglePathWithoutScripts() throws {
        let code = try QRCode(text: "https://krachtvanmokum.nl/manifest?ref=markt-dappermarkt")

        // MUT
        let svg = code.svg(moduleSize: 10, quietZone: 4, title: "Teken <het> manifest & \"deel\"")

        // validation: self-contained, accessible, crisp, on white
        let extent = code.size + 8
        XCTAssertTrue(svg.hasPrefix("<svg "))
        XCTAssertTrue(svg.hasSuffix("</svg>"))
        XCTAssertTrue(svg.contains("viewBox=\"0 0 \(extent) \(extent)\""))
        XCTAssertTrue(svg.contains("width=\"\(extent * 10)\" height=\"\(extent * 10)\""))
        XCTAssertTrue(svg.contains("role=\"img\""))
        XCTAssertTrue(svg.contains("shape-rendering=\"crispEdges\""))
        XCTAssertTrue(svg.contains("<title>Teken &lt;het&gt; manifest &amp; &quot;deel&quot;</title>"))
        XCTAssertTrue(svg.contains("<rect width=\"\(extent)\" height=\"\(extent)\" fill=\"#fff\"/>"))
        XCTAssertEqual(svg.components(separatedBy: "<path").count, 2)
        for forbidden in ["<script", "href", "<image", "<foreignobject", "url("] {
            XCTAssertFalse(svg.lowercased().contains(forbidden), forbidden)
        }
        XCTAssertNil(svg.range(of: #"\son[a-z]+="#, options: .regularExpression), "no event handlers")
        XCTAssertFalse(code.svg().contains("<title>"))

        // validation: the path paints exactly the dark modules, shifted by the quiet zone
        XCTAssertEqual(paintedModules(svg), Set(darkModules(of: code).map { [$0[0] + 4, $0[1] + 4] }))
    }

    // MARK: - Helpers

    private func rows(of code: QRCode) -> [String] {
        (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "1" : "0" }) }
    }

    /// Hex rows (whitespace ignored) back to rows of "0"/"1".
    private func decode(_ hex: String, size: Int) -> [String] {
        let digits = Array(hex.filter(\.isHexDigit))
        let perRow = (size + 3) / 4
        XCTAssertEqual(digits.count, perRow * size, "reference has the wrong length")
        return (0..<size).map { y in
            let bits = digits[(y * perRow)..<min(digits.count, (y + 1) * perRow)].map { digit -> String in
                let binary = String(Int(String(digit), radix: 16)!, radix: 2)
                return String(repeating: "0", count: 4 - binary.count) + binary
            }.joined()
            return String(bits.prefix(size))
        }
    }

    private func darkModules(of code: QRCode) -> [[Int]] {
        (0..<code.size).flatMap { y in (0..<code.size).filter { code.isDark(x: $0, y: y) }.map { [$0, y] } }
    }

    /// Cells covered by the `M x y h n v1 h-n z` runs in the SVG path.
    private func paintedModules(_ svg: String) -> Set<[Int]> {
        guard let start = svg.range(of: "<path fill=\"#000\" d=\""),
            let end = svg.range(of: "\"", range: start.upperBound..<svg.endIndex)
        else {
            XCTFail("no path")
            return []
        }
        var cells = Set<[Int]>()
        for run in svg[start.upperBound..<end.lowerBound].split(separator: "M") {
            let numbers = run.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            XCTAssertEqual(run.filter { $0 == "h" }.count, 2)
            XCTAssertEqual(numbers.count, 5, String(run))
            guard numbers.count == 5 else { continue }
            for x in numbers[0]..<(numbers[0] + numbers[2]) { cells.insert([x, numbers[1]]) }
        }
        return cells
    }
}
