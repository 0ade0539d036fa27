package dev.tideline.analyzer.source;

import java.nio.file.Path;
import java.util.Map;

/** Splits PostgreSQL migration text into located statements. Never throws on bad input: it reports. */
public final class Splitter {
    private final Map<String, String> placeholders;

    public Splitter(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    public SplitResult split(Path file, String content) {
        throw new UnsupportedOperationException("TODO(issue 2): lexer/splitter");
    }
}
