#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many GLPK scopes (`GLPKProblem.withEnvironment`) are open on the calling thread.
///
/// GLPK's environment is per thread and `glp_free_env` frees every problem of the thread at
/// once, so only the outermost scope may free it. A thread-specific counter (POSIX, no Swift
/// runtime state) tells a scope whether it is the outermost.
enum EnvironmentDepth {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key, nil)
        precondition(status == 0, "pthread_key_create failed (\(status))")
        return key
    }()

    private static var depth: Int { Int(bitPattern: pthread_getspecific(key)) }

    /// Opens a scope; returns whether it is the thread's outermost.
    static func enter() -> Bool {
        let current = depth
        _ = pthread_setspecific(key, UnsafeRawPointer(bitPattern: current + 1))
        return current == 0
    }

    /// Closes the scope `enter` opened.
    static func leave() {
        let current = depth
        precondition(current > 0, "a GLPK scope closed twice")
        _ = pthread_setspecific(key, UnsafeRawPointer(bitPattern: current - 1))
    }
}
