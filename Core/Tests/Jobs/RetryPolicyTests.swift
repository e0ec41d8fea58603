import KrachtCore
import XCTest

final class RetryPolicyTests: XCTestCase {
    func testDelaysDoubleFromTheBaseUpToTheMaximum() {
        let policy = RetryPolicy(base: 30, max: 3600)
        XCTAssertEqual((1...9).map { policy.delay(afterAttempt: $0) }, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        XCTAssertEqual(policy.delay(afterAttempt: 10_000), 3600, "no overflow for absurd counts")
        XCTAssertEqual(policy.delay(afterAttempt: 0), 30)
    }

    func testJobsAndMailUseThePolicy() {
        XCTAssertEqual(RetryPolicy.jobs, RetryPolicy(base: 30, max: 3600))
        var env = ["KRACHT_MAIL_RETRY_BASE_SECONDS": "5"]
        XCTAssertEqual(AppConfig.fromEnvironment { env[$0] }.mail.retryPolicy, RetryPolicy(base: 5, max: 3600))
        env = [:]
        XCTAssertEqual(AppConfig.fromEnvironment { env[$0] }.mail.retryPolicy.delay(afterAttempt: 2), 60)
    }
}
