import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor

@testable import Dashboard

/// What the dashboard's tests share.
enum DashboardFixture {
    static let features: [any Feature] = [DashboardFeature()]
}
