import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// Mails about an activity name it as the published plan does, not as the coordinator is
/// rewriting it in the draft (a draft title is not public yet).
final class SignupMailTitleTests: XCTestCase {
    func testSignupAndMessageMailsUseThePublishedTitle() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: v1 published, then the activity renamed in the draft only
            let (plan, activities) = try await SupportFixture.published(app)
            let activity = activities[0]
            activity.title = "Nog geheime nieuwe naam"
            try await activity.save(on: app.db)
            let fatima = try await app.makeUser(name: "Fatima Amrani", email: "fatima@example.nl")
            let coordinator = try await app.makeUser(name: "Coördinator", email: "coordinator@example.nl", roles: [.coordinator])

            // MUT: she signs up; the coordinator writes everyone signed up
            let signup = try await SignUpForActivity(app: app).run(
                SignupForm(role: "help", note: ""), plan: plan, activityID: try activity.requireID(), user: fatima, language: .nl)
            let message = try await MessageSignups(app: app).run(
                SignupMessageForm(subject: "Eerste overleg", body: "Dinsdag om acht uur."), plan: plan, activity: activity,
                by: coordinator, language: .nl)
            try await app.deliverMail()

            // validation: both mails carry the published title, never the draft's
            XCTAssertEqual(signup, .signedUp)
            XCTAssertEqual(message, .sent(1))
            let mails = try MailSink.messages(app: app, to: "fatima@example.nl")
            XCTAssertEqual(mails.count, 2)
            XCTAssertTrue(mails.contains { $0.subject == "Je doet mee: Dialoog met fractieleiders" }, "\(mails.map(\.subject))")
            for mail in mails {
                XCTAssertTrue(mail.text.contains("Dialoog met fractieleiders"), mail.text)
                XCTAssertFalse(mail.text.contains("Nog geheime nieuwe naam") || mail.subject.contains("Nog geheime"), mail.subject)
            }
            let problems = try await PlansFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
