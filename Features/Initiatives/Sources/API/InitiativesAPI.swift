import KrachtCore

/// The OpenAPI description of `/api/v1/initiatives`. OWNER: the initiatives helper.
enum InitiativesAPI {
    static func paths() -> [String: JSONValue] { [:] }
}
