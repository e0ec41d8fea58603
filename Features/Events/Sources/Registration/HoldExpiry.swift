import KrachtCore
import Vapor

/// Places held for a confirmation or a payment that did not come in time go to the next in line
/// (stub: the registration helper).
enum HoldExpiry {
    static var definitions: [JobDefinition] { [] }
}
