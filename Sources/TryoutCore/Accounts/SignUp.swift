/// The kinds of account a person can open on the sign-up page.
public enum AccountKind: String, Sendable, CaseIterable, Codable {
    /// A student, graduate or career switcher looking for projects.
    case candidate
    /// Someone posting projects; creates an employer organization.
    case employer
    /// University or bootcamp career services; creates a partner organization.
    case partner

    public var organizationKind: OrganizationKind? {
        switch self {
        case .candidate: nil
        case .employer: .employer
        case .partner: .partner
        }
    }
}

/// A sign-up that passed every rule.
public struct SignUp: Sendable, Equatable {
    public var name: String
    public var email: EmailAddress
    public var password: String
    public var kind: AccountKind
    /// The organization to create, for employer and partner accounts.
    public var organizationName: String?
    /// A path on this site the person came from (a project), where their first steps end.
    public var next: String?

    /// Checks the raw form; every problem is reported at once.
    public static func validate(name: String?, email: String?, password: String?, kind: String?,
                                organizationName: String?) throws(ValidationFailure) -> SignUp {
        var v = Validator()
        let name = v.name(name, "name", label: "Your name")
        let parsedEmail = EmailAddress(email ?? "")
        v.check(parsedEmail != nil, "email", "Enter an e-mail address like name@example.com.")
        let password = password ?? ""
        if let problem = PasswordPolicy.problem(with: password, email: parsedEmail?.value) {
            v.add(FieldError("password", problem))
        }
        let kind = AccountKind(rawValue: kind ?? "")
        v.check(kind != nil, "kind", "Choose the kind of account.")
        var orgName: String?
        if kind?.organizationKind != nil {
            orgName = v.name(organizationName, "organization", label: "Organization name", maxLength: 120)
        }
        try v.finish()
        return SignUp(name: name, email: parsedEmail!, password: password, kind: kind!, organizationName: orgName)
    }
}
