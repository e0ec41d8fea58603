import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor

@testable import Communication

/// What the communication tests share.
enum CommunicationFixture {
    static let features: [any Feature] = [CommunicationFeature()]
}
