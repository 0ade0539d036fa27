package dev.tideline.trace.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The analyzer's lock model against one real server: for every case of {@link ConformanceCases}, the locks per
 * relation, the rewrite (relfilenode), the full scan (sequential-scan counter) and whether the statement may run in
 * a transaction block must be what the analyzer predicted for that server's version. Each case fails with the list of
 * disagreements.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LockConformanceContract {
    private Connection work;
    private Connection observer;
    private ServerProbe probe;
    private int major;

    /** Starts (or reaches) the server and returns a way to open connections to a scratch database on it. */
    abstract Supplier<Connection> open() throws SQLException;

    /**
     * An empty directory the server may use as a tablespace location (owned by the server's user), or null when this
     * machine cannot provide one; the SET TABLESPACE case is then skipped, and says why.
     */
    abstract Path tablespaceDirectory() throws IOException;

    /** Drops the scratch database and stops what {@link #open()} started. */
    abstract void close() throws SQLException;

    @BeforeAll
    void connect() throws SQLException {
        Supplier<Connection> connections = open();
        work = connections.get();
        observer = connections.get();
        major = work.getMetaData().getDatabaseMajorVersion();
        probe = new ServerProbe(work, observer, connections);
    }

    @AfterAll
    void disconnect() throws SQLException {
        try {
            if (work != null) {
                work.setAutoCommit(true);
                // the DROP OWNED case's role is the server's, not the scratch database's: it must not outlive the run
                ServerProbe.exec(work, "DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '" + ConformanceCases.ROLE
                        + "') THEN DROP OWNED BY " + ConformanceCases.ROLE + "; DROP ROLE " + ConformanceCases.ROLE + "; END IF; END $$");
                work.close();
            }
            if (observer != null) observer.close();
        } finally {
            close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseAgreesWithTheServer() {
        return ConformanceCases.all().stream().filter(c -> c.minMajor() <= major)
                .map(c -> DynamicTest.dynamicTest("PG" + major + ": " + c.name(), () -> check(c)));
    }

    private void check(ConformanceCase c) throws SQLException, IOException {
        if (c.needsTablespace()) {
            Path dir = tablespaceDirectory();
            Assumptions.assumeTrue(dir != null, "no directory the server's user owns for a tablespace: " + c.name() + " not run");
            c = c.withTablespace(dir.toString());
        }
        Prediction predicted = Prediction.of(c, major);
        probe.reset(predicted.setup());
        Observation seen = probe.observe(c.statement());
        List<String> disagreements = predicted.disagreements(seen);
        if (!disagreements.isEmpty()) {
            fail("PostgreSQL " + major + " disagrees with the lock model on `" + c.statement() + "`:\n  "
                    + String.join("\n  ", disagreements) + "\n  (server: " + seen.locks() + ", new files " + seen.newFiles()
                    + ", scanned " + seen.scanned() + "; model: " + predicted.locks() + ", new files " + predicted.newFiles()
                    + ", scan " + predicted.scan() + ", note: " + predicted.notes() + ")");
        }
    }
}
