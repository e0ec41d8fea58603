import KrachtCore
import XCTest

/// Form structs decoded from parsed fields, as `req.decodeForm` does for every controller.
final class FormDecoderTests: XCTestCase {
    private struct Everything: Decodable, Equatable {
        enum Kind: String, Decodable { case paper, online }
        var name: String?
        var count: Int?
        var agree: Bool?
        var id: UUID?
        var kind: Kind?
        var tags: [String]?
        var required: String
    }

    private func decode<T: Decodable>(_ type: T.Type, _ body: String) throws -> T {
        try FormDecoder.decode(T.self, from: XCTUnwrap(FormFields.parse(Array(body.utf8))))
    }

    func testDecodesEveryFlatShape() throws {
        // setup
        let id = UUID()

        // MUT
        let form = try decode(Everything.self, "name=Daan&count=3&agree=on&id=\(id)&kind=paper&tags[]=a&tags[]=b&required=ja")

        // validation
        XCTAssertEqual(form, Everything(name: "Daan", count: 3, agree: true, id: id, kind: .paper, tags: ["a", "b"], required: "ja"))
    }

    func testAbsentAndEmptyOptionalsAreNil() throws {
        // MUT
        let form = try decode(Everything.self, "name=&count=&id=&required=")

        // validation
        XCTAssertEqual(form, Everything(name: nil, count: nil, agree: nil, id: nil, kind: nil, tags: nil, required: ""))
    }

    func testARepeatedNameKeepsTheLastValue() throws {
        // MUT
        let form = try decode(Everything.self, "name=eerste&name=tweede&required=1&required=2")

        // validation
        XCTAssertEqual(form.name, "tweede")
        XCTAssertEqual(form.required, "2")
    }

    func testWrongTypesAndMissingRequiredFieldsAreErrors() {
        // MUT + validation
        XCTAssertThrowsError(try decode(Everything.self, "name=x"), "required is missing")
        XCTAssertThrowsError(try decode(Everything.self, "count=drie&required=1"))
        XCTAssertThrowsError(try decode(Everything.self, "agree=misschien&required=1"))
        XCTAssertThrowsError(try decode(Everything.self, "id=not-a-uuid&required=1"))
        XCTAssertThrowsError(try decode(Everything.self, "kind=fax&required=1"))
    }

    func testNestedShapesAreRefusedNotCrashed() {
        // setup
        struct Nested: Decodable {
            struct Inner: Decodable { var a: String }
            var inner: Inner
        }

        // MUT + validation
        XCTAssertThrowsError(try decode(Nested.self, "inner=x"))
        XCTAssertThrowsError(try decode([String].self, "a=1"))
    }
}
