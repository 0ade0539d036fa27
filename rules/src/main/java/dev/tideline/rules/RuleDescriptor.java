package dev.tideline.rules;

import java.util.Locale;

/**
 * A rule's metadata and documentation, as {@code tideline rules}, {@code tideline explain} and docs/rules.md show it.
 *
 * @param why     why the flagged change is dangerous (names the lock and what it blocks)
 * @param instead what to do instead
 * @param safeSql the safe alternative as SQL
 */
public record RuleDescriptor(String id, Category category, Severity severity, String summary, String why,
                             String instead, String safeSql) {

    /** The rule's documentation as a Markdown section. */
    public String markdown() {
        return "### `" + id + "`\n\n"
                + "*" + category.title() + "* · default severity **" + severity.name().toLowerCase(Locale.ROOT) + "**\n\n"
                + summary + "\n\n"
                + "**Why it is dangerous.** " + why + "\n\n"
                + "**What to do instead.** " + instead + "\n\n"
                + "```sql\n" + safeSql + "\n```\n";
    }
}
