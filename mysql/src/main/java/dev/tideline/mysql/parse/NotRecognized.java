package dev.tideline.mysql.parse;

/** Thrown inside the recognizer when the text does not fit what it expects; never leaves the recognizer. */
final class NotRecognized extends RuntimeException {
    NotRecognized(String reason) {
        super(reason, null, false, false);
    }
}
