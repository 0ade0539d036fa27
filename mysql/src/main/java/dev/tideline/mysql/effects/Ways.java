package dev.tideline.mysql.effects;

/**
 * How one change can run on one server: INSTANT, in place (INPLACE; on MariaDB NOCOPY when it rebuilds nothing) and
 * COPY, each with whether it rebuilds the table and the weakest LOCK it allows; null where the server refuses it.
 *
 * @param instantErrno the error of an explicit ALGORITHM=INSTANT when {@code instant} is null and the refusal is not
 *                     the usual 1845/1846 (4092: MySQL's instant row versions are used up), else 0
 */
record Ways(Exec instant, Exec inplace, Exec copy, int instantErrno) {
    record Exec(boolean rebuild, LockLevel minLock) {}

    static final Exec NO_REBUILD = new Exec(false, LockLevel.NONE);
    static final Exec REBUILD = new Exec(true, LockLevel.NONE);

    Ways(Exec instant, Exec inplace, Exec copy) {
        this(instant, inplace, copy, 0);
    }

    /** The way to run at exactly this algorithm; MariaDB's NOCOPY is an in-place run that rebuilds nothing. */
    Exec at(Algorithm a) {
        return switch (a) {
            case INSTANT -> instant;
            case NOCOPY -> inplace != null && !inplace.rebuild() ? inplace : null;
            case INPLACE -> inplace;
            case COPY -> copy;
        };
    }

    Ways withoutInstant(int errno) {
        return new Ways(null, inplace, copy, errno);
    }
}
