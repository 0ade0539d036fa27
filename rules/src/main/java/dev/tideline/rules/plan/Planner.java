package dev.tideline.rules.plan;

import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.rules.LintResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns the targeted migration files of a lint run into an expand → backfill → contract release plan.
 * Each risky operation becomes a sequence of stages (one per release); safe statements are kept as they are
 * in the first release. Stages of different changes with the same index ship in the same release.
 */
public final class Planner {
    private final PlannerOptions options;

    public Planner(PlannerOptions options) {
        this.options = options;
    }

    public Plan plan(LintResult lint) {
        List<List<Stage>> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> noSafePath = new ArrayList<>();
        for (FileAnalysis file : lint.analysis().files()) {
            if (!file.targeted()) continue;
            ChangePlanner planner = new ChangePlanner(options, file, FileFacts.scan(file), notes, noSafePath);
            for (AnalyzedStatement st : file.statements()) changes.addAll(planner.plan(st));
            for (var d : file.diagnostics()) {
                if (d.severity() == dev.tideline.analyzer.source.Diagnostic.Severity.ERROR) {
                    String text = Ctx.shortName(file.file()) + ":" + d.line() + ": " + d.message() + " (not planned)";
                    notes.add(text);
                    noSafePath.add(text);
                }
            }
        }
        return new Plan(merge(changes), List.copyOf(new LinkedHashSet<>(notes)), List.copyOf(new LinkedHashSet<>(noSafePath)));
    }

    /** Release k holds stage k of every change, in the order the changes were written. */
    public static List<Release> merge(List<List<Stage>> changes) {
        int count = changes.stream().mapToInt(List::size).max().orElse(0);
        List<Release> releases = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            List<String> app = new ArrayList<>();
            List<String> gates = new ArrayList<>();
            List<Step> steps = new ArrayList<>();
            for (List<Stage> change : changes) {
                if (k >= change.size()) continue;
                Stage s = change.get(k);
                if (s.appChange() != null && !app.contains(s.appChange())) app.add(s.appChange());
                if (s.gate() != null && !gates.contains(s.gate())) gates.add(s.gate());
                steps.addAll(s.steps());
            }
            String appChange = app.isEmpty() ? "No application change." : String.join(" ", app);
            String gate = k == count - 1 ? (gates.isEmpty() ? "Done." : String.join(" ", gates))
                    : gates.isEmpty() ? "This release is deployed everywhere." : String.join(" ", gates);
            releases.add(new Release(k + 1, appChange, gate, steps));
        }
        return releases;
    }
}
