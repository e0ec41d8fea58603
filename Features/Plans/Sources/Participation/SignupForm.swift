import Foundation
import KrachtCore
import Vapor

/// The sign-up form as posted: a role ("ik help mee" / "ik organiseer mee") and an optional note.
struct SignupForm: Content, Sendable {
    var role: String?
    var note: String?

    static let maxNote = 500

    static let layout = FormLayout(
        id: "plans-signup",
        [
            .field("role", id: "signup-role-help", label: "plans.signup.role"),
            .field("note", id: "signup-note", label: "plans.signup.note"),
        ])

    struct Checked: Sendable {
        var role: PlanSignup.Role
        var note: String
    }

    var values: [String: String] { ["role": role ?? "", "note": note ?? ""] }

    func check(_ t: (String) -> String) -> (Checked?, FormErrors) {
        var errors = FormErrors()
        let role = PlanSignup.Role(rawValue: self.role ?? "")
        if role == nil { errors.add("role", t("plans.signup.error.role")) }
        let (note, problem) = TextField.check(self.note, required: false, maxLength: Self.maxNote, singleLine: false)
        if let problem { errors.add("note", TextField.message(for: problem, maxLength: Self.maxNote, t)) }
        guard errors.isEmpty, let role else { return (nil, errors) }
        return (Checked(role: role, note: note), errors)
    }
}

/// The coordinators' message to everyone signed up for an activity.
struct SignupMessageForm: Content, Sendable {
    var subject: String?
    var body: String?

    static let maxSubject = 150
    static let maxBody = 5_000

    static let layout = FormLayout(
        id: "plans-signups-message",
        [
            .field("subject", id: "message-subject", label: "plans.signup.message.subject"),
            .field("body", id: "message-body", label: "plans.signup.message.body"),
        ])

    struct Checked: Sendable {
        var subject: String
        var body: String
    }

    var values: [String: String] { ["subject": subject ?? "", "body": body ?? ""] }

    func check(_ t: (String) -> String) -> (Checked?, FormErrors) {
        var errors = FormErrors()
        let (subject, subjectProblem) = TextField.check(self.subject, maxLength: Self.maxSubject)
        if let subjectProblem { errors.add("subject", TextField.message(for: subjectProblem, maxLength: Self.maxSubject, t)) }
        let (body, bodyProblem) = TextField.check(self.body, maxLength: Self.maxBody, singleLine: false)
        if let bodyProblem { errors.add("body", TextField.message(for: bodyProblem, maxLength: Self.maxBody, t)) }
        guard errors.isEmpty else { return (nil, errors) }
        return (Checked(subject: subject, body: body), errors)
    }
}
