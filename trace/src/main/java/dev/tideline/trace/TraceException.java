package dev.tideline.trace;

/** A problem the user must fix (unreachable server, unsupported version, failing migration): exit 2, no stack trace. */
public final class TraceException extends RuntimeException {
    public TraceException(String message) {
        super(message);
    }

    public TraceException(String message, Throwable cause) {
        super(message, cause);
    }
}
