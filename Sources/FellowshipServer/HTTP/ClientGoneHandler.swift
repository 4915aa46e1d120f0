import NIOCore

/// Watches one connection for its client going away and marks its `ClientConnection` gone.
///
/// Why a handler of our own: the channel does not close when the client closes its side
/// (the server allows half-closure, so it may still write the answer), so `closeFuture` does
/// not fire while a handler waits for the solver. What does reach the pipeline at once is
/// `ChannelEvent.inputClosed` (the client's FIN: it has hung up, or shut down its sending
/// side) and `channelInactive` (a reset, or the connection closed). The service reads an
/// input closed while a request is still being answered as the client having gone away, as
/// nginx does ("client prematurely closed connection"; docs/service.md, "Cancelled work").
///
/// It only observes: every read and event is passed on unchanged.
final class ClientGoneHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private var connection: ClientConnection?

    func handlerAdded(context: ChannelHandlerContext) {
        connection = ClientConnections.register(context.channel)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        connection?.markGone()
        ClientConnections.remove(context.channel)
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection?.markGone()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            connection?.markGone()
        }
        context.fireUserInboundEventTriggered(event)
    }
}
