/// The account pages' forms as they show them (`FormLayout`): the summary of a refused post
/// lists its problems in this order and links each to its input.
enum AccountForms {
    static let register = FormLayout(
        id: "register-form",
        [
            .field("name", label: "account.field.name"), .field("email", label: "account.field.email"),
            .field("password", label: "account.field.password"),
        ])
    static let logIn = FormLayout(
        id: "login-form", [.field("email", label: "account.field.email"), .field("password", label: "account.field.password")])
    static let forgot = FormLayout(id: "forgot-form", [.field("email", label: "account.field.email")])
    static let reset = FormLayout(id: "reset-form", [.field("password", label: "account.field.new_password")])

    // The account page holds several forms; each field's input id is unique on the page.
    static let changeName = FormLayout(id: "change-name", [.field("name", id: "new-name", label: "account.field.new_name")])
    static let changeEmail = FormLayout(
        id: "change-email",
        [
            .field("email", id: "new-email", label: "account.field.new_email"),
            .field("email_password", id: "email-password", label: "account.field.current_password"),
        ])
    static let changePassword = FormLayout(
        id: "change-password",
        [
            .field("current_password", id: "current-password", label: "account.field.current_password"),
            .field("password", id: "new-password", label: "account.field.new_password"),
        ])
    static let changeLanguage = FormLayout(
        id: "change-language", [.field("language", id: "mail-language", label: "account.language.label")])
    static let delete = FormLayout(
        id: "delete-account", [.field("delete_password", id: "delete-password", label: "account.delete.password")])
}
