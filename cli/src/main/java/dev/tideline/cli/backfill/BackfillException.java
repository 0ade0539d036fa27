package dev.tideline.cli.backfill;

/** A backfill that cannot go on; the message is for the user (credentials already masked). */
public final class BackfillException extends RuntimeException {
    public BackfillException(String message) {
        super(message);
    }
}
