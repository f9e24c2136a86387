import Vapor

extension Response {
    /// A file to save rather than show. `private` files (account numbers, tax identifiers) are
    /// also kept out of every cache.
    static func attachment(_ body: String, contentType: String, filename: String, private: Bool = false) -> Response {
        let response = Response(status: .ok, body: .init(string: body))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        if `private` { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }
}
