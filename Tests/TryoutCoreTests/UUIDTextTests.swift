import Foundation
import Testing
import TryoutCore

@Suite("UUIDs as text")
struct UUIDTextTests {
    @Test("written as uuidString writes it, and read back from either case")
    func asFoundation() {
        #expect(UUIDText.write(UUID(uuid: (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255)))
            == "00010203-0405-0607-0809-0A0B0C0D0EFF")
        for _ in 0..<500 {
            let uuid = UUID()
            #expect(UUIDText.write(uuid) == uuid.uuidString)
            #expect(UUIDText.parse(uuid.uuidString) == uuid)
            #expect(UUIDText.parse(uuid.uuidString.lowercased()) == uuid)
        }
    }

    @Test("anything but the 36 characters is refused, and nothing is read that Foundation reads otherwise")
    func refused() {
        let good = "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"
        let bad = ["", good.dropLast() + "", good + "0", "E621E1F8C36C495A93FC0C247A3E6E5F", " E621E1F8-C36C-495A-93FC-0C247A3E6E5",
                   "E621E1F8-C36C-495A-93FC-0C247A3E6E5G", "E621E1F8+C36C-495A-93FC-0C247A3E6E5F", "E621E1F-8C36C-495A-93FC-0C247A3E6E5F",
                   "E621E1F8-C36C-495A-93FC-0C247A3E6E5É", "{621E1F8-C36C-495A-93FC-0C247A3E6E5F}"]
        for text in bad { #expect(UUIDText.parse(String(text)) == nil, "\(text)") }
        // Every one-character change of a good text: where this reads an id, Foundation reads the same one.
        let characters = Array(good)
        for index in characters.indices {
            for replacement in Array("0aF-g x+") {
                var changed = characters
                changed[index] = replacement
                let text = String(changed)
                if let read = UUIDText.parse(text) { #expect(UUID(uuidString: text) == read, "\(text)") }
            }
        }
    }
}
