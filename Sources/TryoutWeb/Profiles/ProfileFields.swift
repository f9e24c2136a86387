import Plot
import TryoutCore

/// The fields the full profile and the first steps both ask, worded and bounded alike.
struct ProfileFields {
    var input: CandidateProfileInput
    var errors: [FieldError]

    /// Region/City zones and UTC, sorted, as `CandidateProfileInput` accepts them.
    static let timeZones: [(value: String, label: String)] = TimeZoneName.suggestions
        .map { ($0, $0.replacingOccurrences(of: "_", with: " ")) }

    private func value(_ name: String) -> String { input.fields[name] ?? "" }

    var hoursPerWeek: Component {
        Field(name: "hoursPerWeek", label: "Hours a week", type: "number", value: value("hoursPerWeek"),
              error: errors.message("hoursPerWeek"), extra: [("min", "1"), ("max", "60")])
    }

    var availableFrom: Component {
        Field(name: "availableFrom", label: "Available from", type: "date", value: value("availableFrom"),
              error: errors.message("availableFrom"), required: false)
    }

    var timeZone: Component {
        SelectField(name: "timeZone", label: "Time zone", options: Self.timeZones, selected: value("timeZone"), error: errors.message("timeZone"))
    }
}
