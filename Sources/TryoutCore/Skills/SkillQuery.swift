/// What someone typing a skill's name asks for: the text and how many answers. Blank text is a
/// valid query that finds nothing, because it is what an emptied field sends.
public struct SkillQuery: Equatable, Sendable {
    public static let defaultLimit = 10

    public var text: String
    public var limit: Int

    public init(text: String, limit: Int = SkillQuery.defaultLimit) {
        self.text = text
        self.limit = limit
    }

    /// Checks the raw parameters, `q` and `limit`, naming each one that is wrong.
    public static func validate(q: String?, limit rawLimit: String?) throws(ValidationFailure) -> SkillQuery {
        var v = Validator()
        let text = q ?? ""
        v.check(TextInput.isStorable(text), "q", "q contains control characters; remove them.")
        v.check(text.unicodeScalars.count <= SkillSearch.maxQueryLength, "q", "q must be at most \(SkillSearch.maxQueryLength) characters.")
        var limit = defaultLimit
        if let rawLimit {
            if let value = Int(rawLimit), (1...SkillSearch.maxResults).contains(value) {
                limit = value
            } else {
                v.add(FieldError("limit", "limit must be a whole number from 1 to \(SkillSearch.maxResults)."))
            }
        }
        try v.finish()
        return SkillQuery(text: text, limit: limit)
    }
}
