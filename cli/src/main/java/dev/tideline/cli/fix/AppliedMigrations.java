package dev.tideline.cli.fix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * What a database says its runner already applied, so {@code tideline fix} never edits a deployed migration (the
 * runner would refuse the changed checksum, or never run the fix): Flyway's {@code flyway_schema_history} (script name
 * or checksum) and Liquibase's {@code databasechangelog} (file name).
 */
public final class AppliedMigrations {
    private final Set<String> flywayScripts = new HashSet<>();
    private final Set<Integer> flywayChecksums = new HashSet<>();
    private final Set<String> liquibaseFiles = new HashSet<>();

    private AppliedMigrations() {}

    /** Reads the runners' history tables that exist in the database at {@code url} (none is fine). */
    public static AppliedMigrations read(String url) throws SQLException {
        AppliedMigrations applied = new AppliedMigrations();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            if (exists(st, "flyway_schema_history")) {
                try (ResultSet rs = st.executeQuery("SELECT script, checksum FROM flyway_schema_history WHERE success")) {
                    while (rs.next()) {
                        applied.flywayScripts.add(rs.getString(1));
                        int checksum = rs.getInt(2);
                        if (!rs.wasNull()) applied.flywayChecksums.add(checksum);
                    }
                }
            }
            if (exists(st, "databasechangelog")) {
                try (ResultSet rs = st.executeQuery("SELECT filename FROM databasechangelog")) {
                    while (rs.next()) applied.liquibaseFiles.add(Path.of(rs.getString(1)).getFileName().toString());
                }
            }
        }
        return applied;
    }

    /** Why the runner already applied {@code file}, or empty when the database does not say it did. */
    public Optional<String> reason(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (flywayScripts.contains(name)) return Optional.of("flyway_schema_history lists " + name + " as applied");
        if (!flywayChecksums.isEmpty() && flywayChecksums.contains(flywayChecksum(file))) {
            return Optional.of("flyway_schema_history holds its checksum");
        }
        if (liquibaseFiles.contains(name)) return Optional.of("databasechangelog lists changesets of " + name);
        return Optional.empty();
    }

    /** Flyway's checksum of a SQL migration: CRC32 over its lines' UTF-8 bytes, without line ends or byte order mark. */
    static int flywayChecksum(Path file) throws IOException {
        CRC32 crc = new CRC32();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        for (String line : text.split("\r\n|\n|\r", -1)) crc.update(line.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static boolean exists(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
