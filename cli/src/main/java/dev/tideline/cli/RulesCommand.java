package dev.tideline.cli;

import dev.tideline.api.Engines;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleDescriptor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tideline rules}: the catalogue, grouped by category. */
@Command(name = "rules",
        mixinStandardHelpOptions = true,
        description = "Lists every rule: id, default severity and what it flags, grouped by category.",
        footer = {"", "`tideline explain RULE` prints a rule's documentation; docs/rules.md has them all."})
final class RulesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<RuleDescriptor> rules = Engines.catalogue();
        int idWidth = rules.stream().mapToInt(r -> r.id().length()).max().orElse(0);
        PrintWriter out = spec.commandLine().getOut();
        Category current = null;
        for (RuleDescriptor rule : rules) {
            if (rule.category() != current) {
                if (current != null) out.println();
                current = rule.category();
                out.println(current.title() + " (" + Main.lower(current) + ")");
            }
            out.printf("  %-" + idWidth + "s  %-7s  %s%n", rule.id(), rule.severity().name().toLowerCase(Locale.ROOT),
                    rule.summary());
        }
        out.println();
        out.println(rules.size() + " rules. Details: tideline explain RULE");
        out.flush();
        return 0;
    }
}
