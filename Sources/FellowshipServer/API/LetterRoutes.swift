import FellowshipCore
import Foundation
import HTTPTypes
import Hummingbird

/// The decision letters of a stored run, for the secretariat (docs/letters.md): one
/// application's letter, every letter in one printable page, or a ZIP of them all. Each
/// letter is in the applicant's language unless `?lang=` asks for another.
enum LetterRoutes {
    static func register(_ table: RouteTable) {
        let state = table.state

        table.add(.get, "/api/v1/runs/{run}/applications/{application}/letter", .secretariat) { call in
            let run = try await state.run(try call.parameter("run"))
            let applicationID = try call.parameter("application")
            let language = try ApplicantLanguage.requested(call)
            let letters = try await Blocking.run {
                try LetterWriter.letters(run, applicants: [applicationID], language: language)
            }
            let anchor = try await state.anchor(of: run.id)
            return JSONResponse.html(
                LetterDocument.single(letters[0], anchor: anchor),
                extraHeaders: disposition(letters[0].fileName, inline: true))
        }

        table.add(.get, "/api/v1/runs/{run}/letters/all.html", .secretariat) { call in
            let run = try await state.run(try call.parameter("run"))
            let language = try ApplicantLanguage.requested(call)
            let letters = try await Blocking.run { try LetterWriter.letters(run, language: language) }
            let anchor = try await state.anchor(of: run.id)
            return JSONResponse.html(
                LetterDocument.all(letters, title: title(run), anchor: anchor),
                extraHeaders: disposition("all.html", inline: true))
        }

        table.add(.get, "/api/v1/runs/{run}/letters", .secretariat) { call in
            let run = try await state.run(try call.parameter("run"))
            let language = try ApplicantLanguage.requested(call)
            let anchor = try await state.anchor(of: run.id)
            let bytes = try await Blocking.run {
                try LetterDocument.zip(
                    try LetterWriter.letters(run, language: language), title: title(run), anchor: anchor)
            }
            var headers = disposition("letters-\(run.id).zip", inline: false)
            headers[.contentType] = "application/zip"
            headers[.cacheControl] = "no-store"
            headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    static func title(_ run: StoredRun) -> String { "Decision letters, \(run.meetingID), run \(run.id)" }

    /// `Content-Disposition` with a file name made of safe characters only (ids are
    /// validated on input; anything else becomes `_`).
    static func disposition(_ name: String, inline: Bool) -> HTTPFields {
        let safe = String(
            name.unicodeScalars.map { scalar -> Character in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                        || "-_.".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            })
        return [HTTPField.Name("Content-Disposition")!: "\(inline ? "inline" : "attachment"); filename=\"\(safe)\""]
    }
}
