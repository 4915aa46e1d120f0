/// The current request's anti-forgery token, for the forms of the page being rendered
/// (the sign-out button in the header is on every page). A task-local value, so that every
/// page gets it without each route passing it along.
enum PageSession {
    @TaskLocal static var csrf: String?
}
