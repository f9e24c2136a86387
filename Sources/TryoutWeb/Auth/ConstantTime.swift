/// Compares secrets in time that does not depend on where they differ, so a token cannot be
/// guessed byte by byte from response times.
enum ConstantTime {
    static func equal(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
