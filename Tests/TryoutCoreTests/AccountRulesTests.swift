import Foundation
import Testing
@testable import TryoutCore

@Suite("Account rules")
struct AccountRulesTests {
    @Test("passwords must be 8 to 128 characters", arguments: [("short", false), ("eight ch", true), (String(repeating: "a", count: 128) + "!", false)])
    func passwordLength(password: String, accepted: Bool) {
        #expect((PasswordPolicy.problem(with: password) == nil) == accepted)
    }

    @Test("common passwords are refused whatever their case")
    func commonPasswords() {
        #expect(PasswordPolicy.problem(with: "Password123")?.contains("too common") == true)
        #expect(PasswordPolicy.problem(with: "qwertyuiop") != nil)
        #expect(PasswordPolicy.problem(with: "violet kettle mountain") == nil)
    }

    @Test("the e-mail's local part is not a password")
    func emailAsPassword() {
        #expect(PasswordPolicy.problem(with: "janedoe99", email: "janedoe99@example.com") != nil)
    }

    @Test("e-mail addresses are normalised and checked", arguments: [
        ("  Jane@Example.COM ", "jane@example.com"), ("no-at-sign", nil), ("a@b", nil), ("two@@x.com", nil),
        ("x@.com", nil), ("<x>@y.com", nil), ("jane.doe+tag@uni.ac.uk", "jane.doe+tag@uni.ac.uk"),
    ] as [(String, String?)])
    func emails(raw: String, expected: String?) {
        #expect(EmailAddress(raw)?.value == expected)
    }

    @Test("control characters are refused in names, addresses and passwords")
    func controlCharacters() throws {
        #expect(EmailAddress("a\u{0}b@x.io") == nil)
        #expect(PasswordPolicy.problem(with: "long enough\u{0}pass") != nil)
        #expect(TextInput.isStorable("tab\tnew line\nok"))
        #expect(!TextInput.isStorable("bell\u{7}"))
        #expect(TextInput.storable("a\u{0}b\u{7f}c") == "abc")
        var v = Validator()
        _ = v.required("Ann\u{0}", "name", label: "Name")
        #expect(v.errors == [FieldError("name", "Name contains control characters; remove them.")])
    }

    @Test("blanks are trimmed as the API document's \\s reads them: NEL is refused, a byte-order mark is blank")
    func blanks() {
        var v = Validator()
        #expect(v.required(" \u{3000}Ann\u{A0}\n", "a", label: "A") == "Ann")
        _ = v.required("\u{85}@", "b", label: "B")
        _ = v.required("\u{FEFF} ", "c", label: "C")
        #expect(v.errors == [FieldError("b", "B contains control characters; remove them."), FieldError("c", "C is required.")])
        #expect(EmailAddress("\u{85}ann@x.io") == nil)
    }

    @Test("an e-mail subject is one line, whatever it quotes, and at most 200 characters")
    func emailSubject() {
        #expect(EmailSubject.line("Churn memo: Hana ended it early: Budget\r\nBcc: everyone@example.com") == "Churn memo: Hana ended it early: Budget Bcc: everyone@example.com")
        #expect(EmailSubject.line("a\u{2028}b\u{85}c\td\u{0}e  f") == "a b c d e f")
        let long = EmailSubject.line(String(repeating: "x", count: 300))
        #expect(long.count == 200 && long.hasSuffix("…"))
        #expect(EmailSubject.line("Plain subject") == "Plain subject")
    }

    @Test("sign-up reports every problem at once")
    func signUpErrors() {
        #expect(throws: ValidationFailure.self) {
            try SignUp.validate(name: "", email: "nope", password: "short", kind: "wizard", organizationName: nil)
        }
        do {
            _ = try SignUp.validate(name: "", email: "nope", password: "short", kind: "employer", organizationName: " ")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["name", "email", "password", "organization"])
        }
    }

    @Test("a valid employer sign-up keeps the organization name")
    func signUpEmployer() throws {
        let signUp = try SignUp.validate(name: " Rosa Park ", email: "Rosa@Firm.io", password: "violet kettle mountain",
                                         kind: "employer", organizationName: "Firm & Co")
        #expect(signUp.name == "Rosa Park")
        #expect(signUp.email.value == "rosa@firm.io")
        #expect(signUp.organizationName == "Firm & Co")
        #expect(signUp.kind.organizationKind == .employer)
    }

    @Test("a candidate sign-up needs no organization")
    func signUpCandidate() throws {
        let signUp = try SignUp.validate(name: "Ada", email: "ada@x.io", password: "violet kettle mountain", kind: "candidate", organizationName: nil)
        #expect(signUp.organizationName == nil)
    }
}

@Suite("Login throttle")
struct LoginThrottleTests {
    let now = Date(timeIntervalSince1970: 1_000_000)
    let throttle = LoginThrottle()

    @Test("four failures in 15 minutes still allow an attempt")
    func underLimit() {
        let failures = (1...4).map { now.addingTimeInterval(Double(-$0 * 60)) }
        #expect(throttle.retryAfter(accountFailures: failures, addressFailures: [], now: now) == nil)
    }

    @Test("the fifth failure locks the account until the oldest counted one leaves the window")
    func accountLocked() {
        let failures = (1...5).map { now.addingTimeInterval(Double(-$0 * 60)) }
        // Oldest of the five is 5 minutes ago: it leaves the 15-minute window in 10 minutes.
        #expect(throttle.retryAfter(accountFailures: failures, addressFailures: [], now: now) == 600)
    }

    @Test("failures older than the window do not count")
    func oldFailures() {
        let failures = (16...25).map { now.addingTimeInterval(Double(-$0 * 60)) }
        #expect(throttle.retryAfter(accountFailures: failures, addressFailures: [], now: now) == nil)
    }

    @Test("100 failures from one address in an hour lock the address")
    func addressLocked() {
        let failures = (0..<100).map { now.addingTimeInterval(Double(-$0 * 30)) }
        let wait = throttle.retryAfter(accountFailures: [], addressFailures: failures, now: now)
        #expect(wait == 3600 - 99 * 30)
        #expect(throttle.retryAfter(accountFailures: [], addressFailures: Array(failures.prefix(99)), now: now) == nil)
    }

    @Test("failures count against the address that finds the account, however it is padded or cased")
    func accountKey() {
        for typed in ["kim@x.io", " KIM@x.io", "kim@x.io\n", "kim@x.io\r", "kim@x.io\u{0B}", "kim@x.io\u{0C}", "kim@x.io\u{FEFF}", "kim@x.io\n\n\n"] {
            #expect(LoginThrottle.accountKey(typed) == "kim@x.io", "\(typed.debugDescription)")
        }
        // Not an address at all: kept as typed, less what cannot be stored.
        #expect(LoginThrottle.accountKey(" Not An Address\u{1B} ") == "not an address")
    }

    @Test("a rate limit allows `count` events a window, then says how long to wait")
    func rateLimit() {
        let limit = RateLimit(count: 3, window: 3600)
        let times = [now.addingTimeInterval(-3000), now.addingTimeInterval(-60), now.addingTimeInterval(-10)]
        #expect(limit.retryAfter(Array(times.prefix(2)), now: now) == nil)
        #expect(limit.retryAfter(times, now: now) == 600)
        #expect(limit.retryAfter(times, now: now.addingTimeInterval(601)) == nil)
    }

    @Test("pasted address lists: separators, repeats and bad entries")
    func addressList() throws {
        let (addresses, invalid) = EmailAddress.list(" Ada@Uni.test, bo@uni.test;\nada@uni.test  nope  c@d ")
        #expect(addresses.map(\.value) == ["ada@uni.test", "bo@uni.test"])
        #expect(invalid == ["nope", "c@d"])
        #expect(EmailAddress.list(" \n ").addresses.isEmpty)
        #expect(throws: ValidationFailure.self) { try EmailAddress.invitationList(" ", field: "emails") }
        #expect(throws: ValidationFailure.self) { try EmailAddress.invitationList("a@b.io nope", field: "emails") }
        let many = (0...EmailAddress.maxListCount).map { "p\($0)@uni.test" }.joined(separator: ",")
        #expect(throws: ValidationFailure([FieldError("emails", "Invite at most 100 people at a time.")])) {
            try EmailAddress.invitationList(many, field: "emails")
        }
        #expect(try EmailAddress.invitationList("a@b.io; c@d.io", field: "emails").count == 2)
    }
}

@Suite("Candidate profile input")
struct CandidateProfileInputTests {
    static let valid: [String: String] = [
        "headline": "Statistics student", "hoursPerWeek": "12", "timeZone": "Europe/London", "location": "Leeds, UK",
        "availableFrom": "2026-06-01", "availableTo": "2026-08-31", "languages": "English, Yoruba , ", "education": "BSc Statistics",
        "accommodations": "Captions in calls, please.", "portfolioURL": "https://ada.example/work", "githubURL": "https://github.com/ada",
        "linkedInURL": "https://www.linkedin.com/in/ada", "discoverable": "on", "skill.0.label": "SQL", "skill.0.level": "3",
        "skill.4.label": "Python", "skill.4.level": "2",
    ]

    @Test("a filled form reads back the same through the edit form")
    func roundTrip() throws {
        let parsed = try CandidateProfileInput(Self.valid).parse()
        #expect(parsed.profile.languages == ["English", "Yoruba"])
        // A comma followed by an emoji modifier is one character, but still a comma.
        #expect(try CandidateProfileInput(Self.valid.merging(["languages": "Ewe,\u{1F3FB}x"]) { $1 }).parse().profile.languages
            == ["Ewe", "\u{1F3FB}x"])
        #expect(parsed.profile.discoverable && parsed.profile.hoursPerWeek == 12 && parsed.profile.timeZone == "Europe/London")
        #expect(parsed.skills.map(\.label) == ["SQL", "Python"] && parsed.skills.map(\.level) == [3, 2])
        var profile = parsed.profile
        profile.skills = [.init(uri: "esco:sql", level: 3)]
        let again = try CandidateProfileInput(profile: profile, skillLabels: ["esco:sql": "SQL"]).parse()
        #expect(again.profile == parsed.profile)
        #expect(again.skills.map(\.label) == ["SQL"])
    }

    @Test("first steps replace the skills, hours, availability and time zone, a did-you-mean choice applied; the rest stays")
    func firstSteps() {
        let first = CandidateProfileInput(Self.valid).replacingFirstSteps(with: [
            "skill.0.label": "Excel", "skill.0.level": "2", "choose.skill.0.label": "use spreadsheets software",
            "hoursPerWeek": "8", "timeZone": "Asia/Tokyo", "headline": "Taken over", "next": "/projects/1",
        ])
        #expect(first.fields["skill.0.label"] == "use spreadsheets software")
        #expect(first.fields["skill.4.label"] == nil, "skills not sent again are gone: the form sends every row")
        #expect(first.fields["hoursPerWeek"] == "8" && first.fields["timeZone"] == "Asia/Tokyo")
        #expect(first.fields["availableFrom"] == "2026-06-01", "a first-step field left out stays")
        #expect(first.fields["headline"] == "Statistics student" && first.fields["next"] == nil)
        #expect(first.fields["languages"] == Self.valid["languages"])
    }

    @Test("every bad field is named at once")
    func errors() {
        var fields = Self.valid
        fields["timeZone"] = "Mars/Olympus"
        fields["hoursPerWeek"] = "0"
        fields["availableTo"] = "2026-05-01"
        fields["githubURL"] = "https://gitlab.com/ada"
        fields["portfolioURL"] = "http://ada.example"
        fields["languages"] = (1...11).map { "L\($0)" }.joined(separator: ",")
        fields["skill.0.level"] = "5"
        fields["headline"] = String(repeating: "h", count: 121)
        fields["education"] = "bell\u{7}"
        fields["languages"] = "Ewe\nTwi"
        #expect(throws: ValidationFailure.self) { try CandidateProfileInput(fields).parse() }
        do {
            _ = try CandidateProfileInput(fields).parse()
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["timeZone", "hoursPerWeek", "availableTo", "githubURL", "portfolioURL", "languages",
                                                        "skill.0.level", "headline", "education"])
        }
    }
}
