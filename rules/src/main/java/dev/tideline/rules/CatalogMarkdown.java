package dev.tideline.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates docs/rules.md from the catalogue. Run {@code main} with the output path to regenerate it;
 * {@code RuleCatalogTest} fails when the committed file drifts.
 */
public final class CatalogMarkdown {
    private CatalogMarkdown() {}

    public static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# tideline rule catalogue\n\n")
                .append("<!-- Generated from the rule classes and rules/src/main/resources/dev/tideline/rules/docs; do not edit.\n")
                .append("     Regenerate: mvn -q test -pl rules -am -Dtest=RuleCatalogTest -Dsurefire.failIfNoSpecifiedTests=false -Dtideline.regenerate=true -->\n\n")
                .append("Configure rules in `tideline.yaml` (`rules: {rule-id: off|error|warning|info}`) and silence one finding with\n")
                .append("`-- tideline:ignore rule-id reason` on or just before the statement.\n\n")
                .append("| Rule | Category | Default | What it flags |\n|---|---|---|---|\n");
        for (RuleDescriptor d : RuleCatalog.all()) {
            sb.append("| [`").append(d.id()).append("`](#").append(d.id()).append(") | ").append(d.category().title())
                    .append(" | ").append(d.severity().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                    .append(d.summary().replace("|", "\\|")).append(" |\n");
        }
        Category current = null;
        for (RuleDescriptor d : RuleCatalog.all()) {
            if (d.category() != current) {
                current = d.category();
                sb.append("\n## ").append(current.title()).append("\n");
            }
            sb.append("\n").append(d.markdown());
        }
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/rules.md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render());
        System.out.println("wrote " + out);
    }
}
