package dev.tideline.cli;

import dev.tideline.api.TidelineVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code tideline --version}: the version and commit the build wrote. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"tideline " + TidelineVersion.current().describe()};
    }
}
