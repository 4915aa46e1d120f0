import NIOCore
import NIOHTTPTypes

/// Bounds the time a client may take to send a whole request, head and body: from the
/// moment the connection opens, or the previous answer ends, until the request's last byte
/// has arrived. Beyond it the connection is closed (issue #11, point 7: the "slow-drip"
/// client).
///
/// Why: Hummingbird's idle timeout counts decoded HTTP parts, so it already cuts a head sent
/// a byte at a time (no part arrives until the head is whole); but every body chunk is a
/// part, so a client that sends one body byte every few seconds is never idle, and could hold
/// a connection (and, with many, all of them) for ever, even on a route that never reads
/// the body (the server still drains it).
final class RequestReadTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // The request has been read whole: the time it then takes to answer is not the client's.
        if case .end = unwrapInboundIn(data) { stop() }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // The answer is complete: the clock runs for the rest of this request's body, if the
        // route did not read it, or for the next request.
        if case .end = unwrapOutboundIn(data) { start(context) }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    private func start(_ context: ChannelHandlerContext) {
        stop()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) {
            channel.close(promise: nil)
        }
    }

    private func stop() {
        timer?.cancel()
        timer = nil
    }
}
