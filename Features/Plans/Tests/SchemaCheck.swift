import Foundation
import KrachtCore
import XCTest

/// Checks a JSON value against the small part of JSON Schema the API documents use (type,
/// nullable types, required, properties, additionalProperties: false, items), as schemathesis will.
enum SchemaCheck {
    static func assert(_ value: [String: JSONValue], matches schema: JSONValue, at path: String) {
        check(.object(value), schema, path)
    }

    private static func check(_ value: JSONValue, _ schema: JSONValue, _ path: String) {
        guard case .object(let s) = schema else { return XCTFail("\(path): no schema") }
        var types: [String] = []
        switch s["type"] {
        case .string(let t)?: types = [t]
        case .array(let list)?: types = list.compactMap { if case .string(let t) = $0 { t } else { nil } }
        default: break
        }
        let actual: String
        switch value {
        case .string: actual = "string"
        case .int: actual = "integer"
        case .double: actual = "number"
        case .bool: actual = "boolean"
        case .array: actual = "array"
        case .object: actual = "object"
        case .null: actual = "null"
        }
        guard types.isEmpty || types.contains(actual) else { return XCTFail("\(path): \(actual), the schema says \(types)") }
        if case .object(let fields) = value, case .object(let properties)? = s["properties"] {
            if case .array(let required)? = s["required"] {
                for case .string(let key) in required where fields[key] == nil { XCTFail("\(path).\(key): missing") }
            }
            for (key, field) in fields {
                guard let property = properties[key] else {
                    XCTFail("\(path).\(key): not in the schema")
                    continue
                }
                check(field, property, "\(path).\(key)")
            }
        }
        if case .array(let items) = value, let itemSchema = s["items"] {
            for (index, item) in items.enumerated() { check(item, itemSchema, "\(path)[\(index)]") }
        }
    }
}
