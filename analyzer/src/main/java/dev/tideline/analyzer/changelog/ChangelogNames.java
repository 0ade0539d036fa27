package dev.tideline.analyzer.changelog;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Which files are Liquibase XML/YAML/JSON changelogs: told by name, without loading Liquibase. */
public final class ChangelogNames {
    private static final Pattern FORMAT = Pattern.compile(".*\\.(?:xml|ya?ml|json)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private ChangelogNames() {}

    /** True for the file names Liquibase reads as XML, YAML or JSON changelogs. */
    public static boolean isChangelog(Path file) {
        return file.getFileName() != null && FORMAT.matcher(file.getFileName().toString()).matches();
    }
}
