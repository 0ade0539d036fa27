package dev.tideline.cli;

import dev.tideline.api.TidelineVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code tideline --version}: the version and commit the build wrote. */
public final class VersionProvider implements IVersionProvider {
    /** The tideline version, as the build wrote it. */
    public static String version() {
        return TidelineVersion.current().version();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"tideline " + TidelineVersion.current().describe()};
    }
}
