import FellowshipCore
import FellowshipStore
import Foundation
import Hummingbird

/// Meetings and their uploads (docs/service.md, "JSON API").
enum MeetingRoutes {
    static func register(_ table: RouteTable) {
        let state = table.state
        let store = state.store

        table.add(.get, "/api/v1/meetings", .readers) { _ in
            let meetings = try await Blocking.run { try store.serviceMeetings() }
            return JSONResponse.make(.object([("meetings", .array(meetings.map(ServiceDocuments.meeting)))]))
        }

        table.add(.post, "/api/v1/meetings", .secretariat) { call in
            let bytes = try await state.body(call.request)
            let source = InputSource(name: ServiceMeeting.fileName, bytes: bytes)
            let meeting = try await Blocking.run { try store.createMeeting(source) }
            return JSONResponse.make(
                ServiceDocuments.meeting(meeting), status: .created,
                extraHeaders: [.location: "/api/v1/meetings/\(meeting.id)"])
        }

        table.add(.get, "/api/v1/meetings/{meeting}", .readers) { call in
            let id = try call.parameter("meeting")
            let meeting = try await Blocking.run { try store.serviceMeeting(id: id) }
            return JSONResponse.make(ServiceDocuments.meeting(meeting))
        }

        for kind in UploadKind.allCases {
            table.add(.put, "/api/v1/meetings/{meeting}/\(kind.rawValue)", .secretariat) { call in
                let id = try call.parameter("meeting")
                let bytes = try await state.body(call.request)
                let source = InputSource(name: kind.fileName, bytes: bytes)
                let upload = try await Blocking.run { try store.upload(kind, source, meetingID: id) }
                return JSONResponse.make(ServiceDocuments.upload(upload))
            }
        }

        table.add(.post, "/api/v1/meetings/{meeting}/runs", .secretariat) { call in
            let id = try call.parameter("meeting")
            let body = try RequestBody(try await state.body(call.request), known: ["budget"])
            let runID = try await RunStarter.start(
                state, meetingID: id, logger: call.context.logger,
                budget: try RunStarter.budget(try body.string("budget")))
            return JSONResponse.make(
                ServiceDocuments.pendingRun(id: runID, meeting: id, state: .running(meeting: id)), status: .accepted,
                extraHeaders: [.location: "/api/v1/runs/\(runID)"])
        }

        table.add(.get, "/api/v1/meetings/{meeting}/scenarios", .readers) { call in
            let id = try call.parameter("meeting")
            let query = FormFields(call.request.uri.query)
            let sweep = try await ScenarioQuery(query).run(
                meetingID: id, store: store, pool: state.solver, client: call.client)
            return JSONResponse.make(sweep.document)
        }
    }
}
