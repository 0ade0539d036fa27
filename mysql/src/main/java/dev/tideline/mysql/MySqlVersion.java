package dev.tideline.mysql;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MySQL or MariaDB server version, with the questions the wing asks about it. Call sites ask a capability
 * ({@link #supportsInstantDropColumn()}), never a version number: the table of versions lives here only.
 *
 * @param patch the release within the series, or {@link #LATEST} when the user named only the series ({@code 8.0}):
 *              then the newest release of the series is assumed
 */
public record MySqlVersion(Flavour flavour, int major, int minor, int patch) {
    public enum Flavour { MYSQL, MARIADB }

    public static final int LATEST = Integer.MAX_VALUE;
    public static final MySqlVersion DEFAULT_MYSQL = new MySqlVersion(Flavour.MYSQL, 8, 0, LATEST);
    public static final MySqlVersion DEFAULT_MARIADB = new MySqlVersion(Flavour.MARIADB, 10, 11, LATEST);

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(.*)");

    public MySqlVersion {
        boolean supported = flavour == Flavour.MYSQL ? major == 8 || major == 9 : major == 10 && minor >= 6 || major == 11;
        if (!supported) {
            throw new IllegalArgumentException((flavour == Flavour.MYSQL ? "MySQL " : "MariaDB ") + major + "." + minor
                    + " is not supported: choose MySQL 8.0 to 9.x or MariaDB 10.6 to 11.x");
        }
    }

    /**
     * Reads a version as servers print it ({@code 8.0.36}, {@code 10.11.6-MariaDB-1:10.11.6+maria~ubu2204}) or as users
     * write it ({@code 8.0}, {@code 11.4}). The flavour is MariaDB when the text says so or the major version is 10 or
     * 11 (MySQL has none), else {@code flavour}.
     */
    public static MySqlVersion parse(String text, Flavour flavour) {
        String t = text == null ? "" : text.strip();
        Matcher m = TEXT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a MySQL or MariaDB version (e.g. 8.0.36, 10.11)");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? LATEST : Integer.parseInt(m.group(3));
        boolean maria = m.group(4).toLowerCase(Locale.ROOT).contains("mariadb") || major == 10 || major == 11;
        return new MySqlVersion(maria ? Flavour.MARIADB : flavour, major, minor, patch);
    }

    /**
     * The oldest release of this flavour tideline supports (the first GA of MySQL 8.0; MariaDB 10.6.0): a migration may
     * meet it on a server that has not been upgraded, where the same statement can run differently.
     */
    public MySqlVersion oldestSupported() {
        return isMariaDb() ? new MySqlVersion(Flavour.MARIADB, 10, 6, 0) : new MySqlVersion(Flavour.MYSQL, 8, 0, 11);
    }

    public boolean isMariaDb() {
        return flavour == Flavour.MARIADB;
    }

    private boolean from(int ma, int mi, int pa) {
        if (major != ma) return major > ma;
        if (minor != mi) return minor > mi;
        return patch >= pa;
    }

    /** ADD COLUMN as the last column without touching the rows (MySQL 8.0.12, MariaDB 10.3.2). */
    public boolean supportsInstantAddColumn() {
        return isMariaDb() || from(8, 0, 12);
    }

    /** ADD COLUMN FIRST/AFTER instantly (MySQL 8.0.29, MariaDB 10.4). */
    public boolean supportsInstantAddColumnAnywhere() {
        return isMariaDb() || from(8, 0, 29);
    }

    /** DROP COLUMN instantly (MySQL 8.0.29, MariaDB 10.4). */
    public boolean supportsInstantDropColumn() {
        return isMariaDb() || from(8, 0, 29);
    }

    /** RENAME COLUMN (and CHANGE to the same type) instantly (MySQL 8.0.28; MariaDB 10.4). */
    public boolean supportsInstantRenameColumn() {
        return isMariaDb() || from(8, 0, 28);
    }

    /** Reordering a column (MODIFY … FIRST/AFTER) instantly: MariaDB only; MySQL rebuilds. */
    public boolean supportsInstantReorderColumn() {
        return isMariaDb();
    }

    /**
     * Changes that touch only metadata (RENAME INDEX, table COMMENT/DEFAULT CHARSET/AUTO_INCREMENT=, DROP FOREIGN KEY,
     * widening VARCHAR within its length bytes, utf8mb3 → utf8mb4) count as INSTANT on MariaDB; MySQL runs them
     * INPLACE, also without a rebuild.
     */
    public boolean metadataChangesAreInstant() {
        return isMariaDb();
    }

    /** MariaDB's NOCOPY algorithm (no rebuild, possibly an index build). */
    public boolean hasNocopyAlgorithm() {
        return isMariaDb();
    }

    /** {@code ALGORITHM=COPY, LOCK=NONE}: a table copy that lets writes through (MariaDB 11.2). */
    public boolean supportsOnlineCopy() {
        return isMariaDb() && from(11, 2, 0);
    }

    /**
     * An explicit ALGORITHM is the most expensive one the user accepts (MariaDB), rather than the one the server must use
     * (MySQL: {@code ALGORITHM=INPLACE} on an instant ADD COLUMN rebuilds the table).
     */
    public boolean algorithmClauseIsUpperBound() {
        return isMariaDb();
    }

    /** {@code ALGORITHM=INSTANT} may be combined with a LOCK clause (MariaDB); MySQL refuses it with error 1221. */
    public boolean acceptsLockClauseWithInstant() {
        return isMariaDb();
    }

    /** Partition commands accept an ALGORITHM/LOCK clause (MySQL, prefix form only); MariaDB refuses any (1064). */
    public boolean acceptsClauseOnPartitionCommands() {
        return !isMariaDb();
    }

    /** {@code DROP INDEX i ON t ALGORITHM=… LOCK=…} is valid (MySQL); a syntax error on MariaDB. */
    public boolean acceptsClauseOnDropIndexStatement() {
        return !isMariaDb();
    }

    /** Per-statement metadata-lock timeouts: {@code WAIT n}, {@code NOWAIT}, {@code SET STATEMENT … FOR} (MariaDB). */
    public boolean supportsWaitClause() {
        return isMariaDb();
    }

    /** CHECK constraints are enforced (MySQL 8.0.16; MariaDB 10.2); before, MySQL parsed and ignored them. */
    public boolean enforcesCheckConstraints() {
        return isMariaDb() || from(8, 0, 16);
    }

    /**
     * A column's inline {@code REFERENCES t(c)} is parsed and ignored: no foreign key (MySQL before 9.0). MariaDB creates
     * the key (verified on 10.11.19).
     */
    public boolean ignoresInlineReferences() {
        return !isMariaDb() && !from(9, 0, 0);
    }

    /** {@code ALTER TABLE … DROP CHECK c} is valid (MySQL 8.0.16); a syntax error (1064) before and on MariaDB. */
    public boolean supportsDropCheck() {
        return !isMariaDb() && from(8, 0, 16);
    }

    /** {@code ALTER TABLE … DROP CONSTRAINT c} is valid (MySQL 8.0.19; MariaDB 10.2); before, a syntax error (1064). */
    public boolean supportsDropConstraint() {
        return isMariaDb() || from(8, 0, 19);
    }

    /**
     * Binary logging is on unless configured off (MySQL 8.0 and later); then an expression default that may differ on
     * a replica ({@code DEFAULT (UUID())}) is refused with error 1674. MariaDB ships with it off.
     */
    public boolean binaryLoggingByDefault() {
        return !isMariaDb();
    }

    /** A FULLTEXT index on the table keeps ADD COLUMN from running in place (MySQL: COPY only; MariaDB: in place, rebuilt). */
    public boolean addColumnCopiesWithFulltextIndex() {
        return !isMariaDb();
    }

    /** Dropping an indexed column drops its index without rebuilding the table (MariaDB NOCOPY); MySQL rebuilds. */
    public boolean dropsIndexedColumnWithoutRebuild() {
        return isMariaDb();
    }

    /** {@code NOT NULL → NULL} is INSTANT on a ROW_FORMAT=REDUNDANT table (MariaDB); MySQL rebuilds. */
    public boolean instantNullableOnRedundant() {
        return isMariaDb();
    }

    /**
     * VARCHAR extension is INSTANT on MariaDB when the old maximum is ≤ 127 bytes or the new one ≤ 255 bytes (the
     * length-byte rule of MySQL is stricter: same number of length bytes, and INPLACE).
     */
    public boolean hasMariaDbVarcharExtension() {
        return isMariaDb();
    }

    /**
     * How many instant ADD/DROP COLUMN a table takes before the server refuses (MySQL 8.0.29–9.0: 64; 9.1: 255). Row
     * versions came with instant DROP in 8.0.29; before, instant ADD had no count.
     */
    public OptionalInt instantRowVersionLimit() {
        if (isMariaDb() || !from(8, 0, 29)) return OptionalInt.empty();
        return from(9, 1, 0) ? OptionalInt.of(255) : OptionalInt.of(64);
    }

    /**
     * Whether making a VARCHAR longer (from {@code oldBytes} to {@code newBytes} at most) runs without a copy. MySQL:
     * the number of length bytes stays the same (both ≤ 255 bytes, or both ≥ 256), in place; MariaDB: the old maximum is
     * ≤ 127 bytes, or the new one ≤ 255, or the table is ROW_FORMAT=REDUNDANT, instantly.
     */
    public boolean extendsVarcharWithoutCopy(int oldBytes, int newBytes, boolean redundantRowFormat) {
        if (newBytes < oldBytes) return false;
        if (isMariaDb()) return oldBytes <= 127 || newBytes <= 255 || redundantRowFormat;
        return oldBytes > 255 || newBytes <= 255;
    }

    /** The server's default {@code lock_wait_timeout} in seconds: one year on MySQL, one day on MariaDB. */
    public int defaultLockWaitTimeoutSeconds() {
        return isMariaDb() ? 86_400 : 31_536_000;
    }

    /** The number {@code /*!NNNNN … *}{@code /} version comments compare with: 8.0.36 → 80036, 10.11.6 → 101106. */
    public int commentNumber() {
        int p = patch == LATEST ? 99 : Math.min(patch, 99);
        return major * 10_000 + minor * 100 + p;
    }

    /** {@code mysql 8.0.36}, {@code mariadb 10.11}. */
    public String display() {
        return (isMariaDb() ? "MariaDB " : "MySQL ") + this;
    }

    @Override
    public String toString() {
        return major + "." + minor + (patch == LATEST ? "" : "." + patch);
    }
}
