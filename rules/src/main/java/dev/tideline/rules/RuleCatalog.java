package dev.tideline.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rule catalogue: every registered rule's metadata plus its documentation resource. */
public final class RuleCatalog {
    private static final Pattern SECTION = Pattern.compile("(?m)^## (.+)$");
    private static final Pattern SQL_BLOCK = Pattern.compile("(?s)```sql\\n(.*?)\\n?```");
    private static volatile List<RuleDescriptor> all;

    private RuleCatalog() {}

    /** All rules in catalogue order (by category, then as registered). */
    public static List<RuleDescriptor> all() {
        List<RuleDescriptor> result = all;
        if (result == null) {
            List<RuleDescriptor> list = new ArrayList<>();
            for (Category c : Category.values()) {
                for (Rule r : RuleRegistry.ALL) if (r.info().category() == c) list.add(describe(r));
            }
            all = result = List.copyOf(list);
        }
        return result;
    }

    public static Optional<RuleDescriptor> find(String id) {
        return all().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Resource path of a rule's documentation. */
    public static String docResource(String id) {
        return "docs/" + id + ".md";
    }

    static RuleDescriptor describe(Rule rule) {
        RuleInfo info = rule.info();
        String doc = readDoc(info.id());
        String why = section(doc, "Why it is dangerous", info.id());
        String instead = section(doc, "What to do instead", info.id());
        Matcher sql = SQL_BLOCK.matcher(section(doc, "Safe SQL", info.id()));
        if (!sql.find()) throw new IllegalStateException(docResource(info.id()) + ": 'Safe SQL' needs a ```sql block");
        return new RuleDescriptor(info.id(), info.category(), info.severity(), info.summary(), why, instead,
                sql.group(1).strip());
    }

    private static String readDoc(String id) {
        try (InputStream in = RuleCatalog.class.getResourceAsStream(docResource(id))) {
            if (in == null) throw new IllegalStateException("rule " + id + " has no documentation at " + docResource(id));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String section(String doc, String title, String id) {
        Matcher m = SECTION.matcher(doc);
        int start = -1;
        while (m.find()) {
            if (start >= 0) return doc.substring(start, m.start()).strip();
            if (m.group(1).strip().equals(title)) start = m.end();
        }
        if (start >= 0) return doc.substring(start).strip();
        throw new IllegalStateException(docResource(id) + " has no '## " + title + "' section");
    }
}
