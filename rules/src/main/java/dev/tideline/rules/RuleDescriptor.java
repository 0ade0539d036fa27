package dev.tideline.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rule's metadata and documentation, as {@code tideline rules}, {@code tideline explain} and docs/rules.md show it.
 *
 * @param why         why the flagged change is dangerous (names the lock and what it blocks)
 * @param instead     what to do instead
 * @param safeSql     the safe alternative as SQL, for the rule's first dialect
 * @param dialects    the dialects the rule checks ({@code postgres}, {@code mysql})
 * @param preview     still being tuned: findings may change between releases
 * @param dialectSql  the safe SQL of each further dialect, from its {@code ## Safe SQL (dialect)} section
 * @param dialectWhy  why it is dangerous on a further dialect, where the doc says it in its own words
 *                    ({@code ## Why it is dangerous (dialect)}); else {@code why} holds for it too
 * @param dialectInstead what to do instead on a further dialect ({@code ## What to do instead (dialect)}), likewise
 */
public record RuleDescriptor(String id, Category category, Severity severity, String summary, String why,
                             String instead, String safeSql, List<String> dialects, boolean preview,
                             Map<String, String> dialectSql, Map<String, String> dialectWhy,
                             Map<String, String> dialectInstead) {

    /**
     * The documentation as a run on one of the rule's dialects shows it: that dialect's summary (its rule class's),
     * reasons and safe SQL only.
     */
    public RuleDescriptor on(String dialect, String dialectSummary) {
        if (dialects.get(0).equals(dialect)) {
            return new RuleDescriptor(id, category, severity, summary, why, instead, safeSql, List.of(dialect), preview,
                    Map.of(), Map.of(), Map.of());
        }
        return new RuleDescriptor(id, category, severity, dialectSummary, dialectWhy.getOrDefault(dialect, why),
                dialectInstead.getOrDefault(dialect, instead), dialectSql.get(dialect), List.of(dialect), preview,
                Map.of(), Map.of(), Map.of());
    }

    /** The rule's documentation as a Markdown section. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("### `" + id + "`\n\n"
                + "*" + category.title() + "* · default severity **" + severity.name().toLowerCase(Locale.ROOT) + "**"
                + " · " + String.join(", ", dialects) + (preview ? " · preview" : "") + "\n\n"
                + summary + "\n\n"
                + "**Why it is dangerous.** " + why + "\n\n"
                + String.join("", dialectWhy.entrySet().stream()
                        .map(e -> "**Why on " + e.getKey() + ".** " + e.getValue() + "\n\n").toList())
                + "**What to do instead.** " + instead + "\n\n"
                + String.join("", dialectInstead.entrySet().stream()
                        .map(e -> "**Instead, on " + e.getKey() + ".** " + e.getValue() + "\n\n").toList())
                + "```sql\n" + safeSql + "\n```\n");
        dialectSql.forEach((dialect, sql) -> sb.append("\nOn ").append(dialect).append(":\n\n```sql\n").append(sql)
                .append("\n```\n"));
        return sb.toString();
    }
}
