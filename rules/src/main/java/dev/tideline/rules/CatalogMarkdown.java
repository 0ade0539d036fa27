package dev.tideline.rules;

import java.util.List;

/** Generates docs/rules.md from the catalogue of every engine's rules; the CLI's RuleDocsTest fails when it drifts. */
public final class CatalogMarkdown {
    private CatalogMarkdown() {}

    /** The catalogue of the given rules; docs/rules.md holds every engine's ({@code tideline rules}). */
    public static String render(List<RuleDescriptor> catalogue) {
        StringBuilder sb = new StringBuilder();
        sb.append("# tideline rule catalogue\n\n")
                .append("<!-- Generated from the rule classes and rules/src/main/resources/dev/tideline/rules/docs; do not edit.\n")
                .append("     Regenerate: mvn -q test -pl cli -am -Dtest=RuleDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dtideline.regenerate=true -->\n\n")
                .append("Configure rules in `tideline.yaml` (`rules: {rule-id: off|error|warning|info}`) and silence one finding with\n")
                .append("`-- tideline:ignore rule-id reason` on or just before the statement.\n\n")
                .append("Rules marked *preview* are still being tuned on real migrations: their findings may change between releases.\n\n")
                .append("| Rule | Category | Default | Dialects | What it flags |\n|---|---|---|---|---|\n");
        for (RuleDescriptor d : catalogue) {
            sb.append("| [`").append(d.id()).append("`](#").append(d.id()).append(") | ").append(d.category().title())
                    .append(" | ").append(d.severity().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                    .append(String.join(", ", d.dialects())).append(d.preview() ? " (preview)" : "").append(" | ")
                    .append(d.summary().replace("|", "\\|")).append(" |\n");
        }
        Category current = null;
        for (RuleDescriptor d : catalogue) {
            if (d.category() != current) {
                current = d.category();
                sb.append("\n## ").append(current.title()).append("\n");
            }
            sb.append("\n").append(d.markdown());
        }
        return sb.toString();
    }
}
