package dev.tideline.mysql.lint;

import dev.tideline.rules.Finding;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a rule reports, as the project's {@link Finding}s of the rule running now. */
public final class Report {
    private final Path file;
    private final List<Finding> findings = new ArrayList<>();
    private RuleInfo info;
    private Severity severity;

    Report(Path file) {
        this.file = file;
    }

    void use(RuleInfo info, Severity severity) {
        this.info = info;
        this.severity = severity;
    }

    /** Reports at a statement; {@code fix} is what to do instead, with safe SQL, or null. */
    public void at(MySqlStatement at, String message, String fix) {
        findings.add(new Finding(info.id(), severity, info.category(), file, at.statement().line(),
                at.statement().column(), message, at.statement().text(), List.of(), fix));
    }

    /**
     * Reports at severity INFO: the finding is worth knowing but not worth failing or warning about (the rule's doc
     * says when it lowers its severity so).
     */
    public void atInfo(MySqlStatement at, String message, String fix) {
        Severity configured = severity;
        severity = Severity.INFO;
        at(at, message, fix);
        severity = configured;
    }

    List<Finding> drain() {
        List<Finding> out = List.copyOf(findings);
        findings.clear();
        return out;
    }
}
