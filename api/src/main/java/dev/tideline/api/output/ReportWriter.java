package dev.tideline.api.output;

import java.io.IOException;
import java.io.Writer;

/** One output format of {@code tideline lint}. */
public interface ReportWriter {
    void write(LintReport report, Writer out) throws IOException;
}
