package dev.tideline.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and commit this tideline was built from, as the build wrote them: {@code tideline --version}, SARIF's
 * {@code semanticVersion}, the JSON output and the HTML report's footer all say the same.
 *
 * @param version the Maven version, e.g. {@code 0.1.0} or {@code 0.1.0-SNAPSHOT}
 * @param commit  the abbreviated git commit the build was made from; null when not built from a git checkout
 */
public record TidelineVersion(String version, String commit) {
    private static final TidelineVersion CURRENT = read();

    public static TidelineVersion current() {
        return CURRENT;
    }

    /** {@code 0.1.0 (commit 1a2b3c4d5e6f)}, or the version alone when the commit is not known. */
    public String describe() {
        return commit == null ? version : version + " (commit " + commit + ")";
    }

    private static TidelineVersion read() {
        Properties p = new Properties();
        try (InputStream in = TidelineVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) throw new IllegalStateException("version.properties is missing from the tideline-api jar");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TidelineVersion(p.getProperty("version"), known(p.getProperty("commit")));
    }

    /** A property the build could not fill (no git) stays as written, {@code ${...}}. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? null : value;
    }
}
