package dev.tideline.mysql.effects;

import java.util.List;

/**
 * What a statement does on a server when written without an ALGORITHM/LOCK clause.
 *
 * @param algorithm      how the server runs it (the cheapest it supports)
 * @param rebuild        the table is rebuilt (new InnoDB table id): time and I/O grow with the table
 * @param lock           the weakest LOCK the server allows at that algorithm: what concurrent DML may do during the work
 * @param mdl            the metadata-lock phases, in order
 * @param implicitCommit the statement commits the open transaction before it runs (every DDL does)
 * @param dataDependent  whether it can fail on existing rows (duplicates, NULLs, values out of range, orphans)
 * @param notes          why, in the server's words where there are some
 */
public record DdlEffect(Algorithm algorithm, boolean rebuild, LockLevel lock, List<MdlPhase> mdl, boolean implicitCommit,
                        boolean dataDependent, List<String> notes) {

    /** The exclusive metadata lock is taken at least once (at start or at commit): every DDL. */
    public boolean exclusiveMdl() {
        return mdl.stream().anyMatch(p -> p.lock().equals("EXCLUSIVE"));
    }
}
