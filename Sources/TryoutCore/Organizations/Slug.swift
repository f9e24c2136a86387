/// Turns a name into the readable, URL-safe part of `/orgs/{slug}`.
public enum Slug {
    public static let maximumLength = 48

    public static func make(from name: String) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        let trimmed = String(slug.prefix(maximumLength))
        return trimmed.isEmpty ? "org" : trimmed
    }

    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= maximumLength
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
