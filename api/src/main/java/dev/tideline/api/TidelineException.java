package dev.tideline.api;

/**
 * A problem the user can fix (an unreadable configuration, an unknown dialect, a git ref that is not a commit…): front
 * ends show its message alone, never a stack trace.
 */
public class TidelineException extends RuntimeException {
    public TidelineException(String message) {
        super(message);
    }

    public TidelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
