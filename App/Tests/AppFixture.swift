import Fluent
import Foundation
import KrachtApp
import KrachtCore
import KrachtTesting
import Vapor

/// The whole app, every feature as `kracht serve` has them.
enum AppFixture {
    static var features: [any Feature] { Kracht.features }
}
