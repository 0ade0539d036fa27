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
 */
public record RuleDescriptor(String id, Category category, Severity severity, String summary, String why,
                             String instead, String safeSql, List<String> dialects, boolean preview,
                             Map<String, String> dialectSql) {

    /** The rule's documentation as a Markdown section. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("### `" + id + "`\n\n"
                + "*" + category.title() + "* · default severity **" + severity.name().toLowerCase(Locale.ROOT) + "**"
                + " · " + String.join(", ", dialects) + (preview ? " · preview" : "") + "\n\n"
                + summary + "\n\n"
                + "**Why it is dangerous.** " + why + "\n\n"
                + "**What to do instead.** " + instead + "\n\n"
                + "```sql\n" + safeSql + "\n```\n");
        dialectSql.forEach((dialect, sql) -> sb.append("\nOn ").append(dialect).append(":\n\n```sql\n").append(sql)
                .append("\n```\n"));
        return sb.toString();
    }
}
