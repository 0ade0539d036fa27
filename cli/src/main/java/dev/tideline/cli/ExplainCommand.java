package dev.tideline.cli;

import dev.tideline.api.Engines;
import dev.tideline.cli.Main.UserError;
import dev.tideline.rules.RuleDescriptor;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tideline explain RULE}: why a change is dangerous and the safe SQL to write instead. */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        description = "Prints a rule's documentation: what it flags, why it is dangerous, what to do instead.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RULE", description = "A rule id, as `tideline rules` lists them.")
    String ruleId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<RuleDescriptor> rule = Engines.find(ruleId.trim());
        if (rule.isEmpty()) {
            String hint = closest(ruleId.trim()).map(id -> "; did you mean '" + id + "'?").orElse("; `tideline rules` lists them");
            throw new UserError("unknown rule '" + ruleId + "'" + hint);
        }
        spec.commandLine().getOut().print(rule.get().markdown());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The rule id nearest to a mistyped one, when it is near enough to be a plausible typo. */
    static Optional<String> closest(String typed) {
        String wanted = typed.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return Engines.catalogue().stream().map(RuleDescriptor::id)
                .min(Comparator.comparingInt((String id) -> distance(wanted, id)))
                .filter(id -> id.contains(wanted) || wanted.contains(id) || distance(wanted, id) <= Math.max(2, id.length() / 3));
    }

    /** Levenshtein edit distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
