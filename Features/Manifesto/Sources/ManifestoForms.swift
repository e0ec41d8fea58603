import KrachtCore

/// The manifesto's forms as their pages show them (`FormLayout`): a refused post lists its
/// problems in this order, each linking to its input.
enum ManifestoForms {
    static let sign = FormLayout(
        id: "sign-form",
        [
            .field("name", id: "sign-name", label: "manifesto.field.name"),
            .field("email", id: "sign-email", label: "manifesto.field.email"),
            .field("district", id: "sign-district", label: "manifesto.field.district"),
            .field("postcode", id: "sign-postcode", label: "manifesto.field.postcode"),
        ])
    /// A void form sits in every row of the bursts table; its problem is the form's, not a field's.
    static let void = FormLayout(id: "void-form", [])
    static let export = FormLayout(id: "export-form", [.field("reason", id: "export-reason", label: "manifesto.export.reason")])
    static let publish = FormLayout(
        id: "version-form",
        [
            .field("title_nl", id: "v-title-nl", label: "manifesto.version.title_nl"),
            .field("body_nl", id: "v-body-nl", label: "manifesto.version.body_nl"),
            .field("title_en", id: "v-title-en", label: "manifesto.version.title_en"),
            .field("body_en", id: "v-body-en", label: "manifesto.version.body_en"),
        ])
}
