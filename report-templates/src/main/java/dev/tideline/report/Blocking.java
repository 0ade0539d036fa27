package dev.tideline.report;

import dev.tideline.analyzer.model.LockMode;

/** What a lock mode does to the application's traffic, in a reviewer's words. */
final class Blocking {
    private Blocking() {}

    static String describe(LockMode mode) {
        if (mode.blocksReads()) return "blocks reads and writes";
        if (mode.blocksWrites()) return "blocks writes";
        if (mode.conflictsWith(LockMode.SHARE_UPDATE_EXCLUSIVE)) return "blocks other DDL, VACUUM and index builds";
        return "blocks only schema changes";
    }
}
