package dev.tideline.api.output;

import java.util.Locale;

/** The {@code --format} choices. */
public enum Format {
    TEXT, JSON, SARIF, GITHUB, GITLAB, MARKDOWN;

    /** @param color use ANSI colours (text format on a terminal only) */
    public ReportWriter writer(boolean color) {
        return switch (this) {
            case TEXT -> new TextReport(color);
            case JSON -> new JsonReport();
            case SARIF -> new SarifReport();
            case GITHUB -> new GithubReport();
            case GITLAB -> new GitlabReport();
            case MARKDOWN -> new MarkdownReport();
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
