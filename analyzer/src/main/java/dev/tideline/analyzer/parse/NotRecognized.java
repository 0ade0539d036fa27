package dev.tideline.analyzer.parse;

/** Thrown inside the recognizer when a statement leaves the syntax it knows; carries the reason, no stack trace. */
final class NotRecognized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotRecognized(String reason) {
        super(reason, null, false, false);
    }
}
