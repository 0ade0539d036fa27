package dev.tideline.api.plan;

import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;
import java.util.List;
import java.util.Map;

/** The plan as Markdown (for a pull request, and as PLAN.md next to the generated migration files). */
public final class PlanMarkdown {
    private PlanMarkdown() {}

    /** @param files generated file names by step, or an empty map when none were written */
    public static String render(Plan plan, Map<Step, String> files) {
        StringBuilder sb = new StringBuilder("# Release plan\n\n");
        if (plan.releases().isEmpty()) {
            sb.append(plan.notes().isEmpty() ? "Nothing to plan: no statement needs more than one step.\n\n"
                    : "No release could be planned.\n\n");
        } else {
            sb.append("Ship the releases in order. Each release's database steps run as migrations in the order"
                    + " listed; do not start a release before the previous release's gate holds.\n\n");
        }
        int k = 0;
        for (Release r : plan.releases()) {
            sb.append("## Release ").append(r.number()).append("\n\n");
            sb.append("**Application:** ").append(inline(r.appChange())).append("\n\n");
            for (Step s : r.steps()) {
                k++;
                sb.append("### Step ").append(k).append(" · ").append(s.phase().id());
                String file = files.get(s);
                if (file != null) sb.append(" · `").append(file).append('`');
                sb.append("\n\n").append(inline(s.reason())).append("\n\n");
                List<String> facts = new java.util.ArrayList<>();
                if (!s.locks().isEmpty()) facts.add("Locks: " + inline(String.join("; ", s.locks())));
                if (!s.transactional()) facts.add("Runs outside a transaction block.");
                if (s.needsRetry()) facts.add("Can queue behind long transactions: retried on lock timeout.");
                for (String f : facts) sb.append("- ").append(f).append('\n');
                if (!facts.isEmpty()) sb.append('\n');
                sb.append(fence(s.sql())).append("sql\n").append(s.sql().stripTrailing()).append('\n').append(fence(s.sql())).append("\n\n");
            }
            sb.append("**Gate before the next release:** ").append(inline(r.gate())).append("\n\n");
        }
        if (!plan.notes().isEmpty()) {
            sb.append("## Notes\n\n");
            for (String n : plan.notes()) sb.append("- ").append(inline(n)).append('\n');
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A code fence longer than any backtick run in the text. */
    private static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** Text on one line with Markdown and HTML specials escaped (names and SQL come from user files). */
    static String inline(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.replaceAll("\\s+", " ").toCharArray()) {
            if ("\\`*_[]<>#|!".indexOf(c) >= 0) sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }
}
