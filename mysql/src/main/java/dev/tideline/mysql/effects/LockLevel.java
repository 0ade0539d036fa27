package dev.tideline.mysql.effects;

/**
 * What concurrent sessions may do while the table is altered, weakest first: NONE lets reads and writes through,
 * SHARED lets reads through and blocks writes, EXCLUSIVE blocks both.
 */
public enum LockLevel {
    NONE("reads and writes continue"),
    SHARED("writes blocked"),
    EXCLUSIVE("reads and writes blocked");

    private final String meaning;

    LockLevel(String meaning) {
        this.meaning = meaning;
    }

    /** What the level means for the application, e.g. {@code writes blocked}. */
    public String meaning() {
        return meaning;
    }
}
