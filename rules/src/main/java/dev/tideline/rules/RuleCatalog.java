package dev.tideline.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule catalogue: rules' metadata plus their documentation resource, {@code docs/<id>.md} next to this class (the
 * rules of this module and ids shared with an engine's wing) or next to the wing's rule class (its own rules).
 */
public final class RuleCatalog {
    private static final Pattern SECTION = Pattern.compile("(?m)^## (.+)$");
    private static final Pattern SQL_BLOCK = Pattern.compile("(?s)```sql\\n(.*?)\\n?```");
    private static volatile List<RuleDescriptor> all;

    private RuleCatalog() {}

    /** This module's rules in catalogue order (by category, then as registered). */
    public static List<RuleDescriptor> all() {
        List<RuleDescriptor> result = all;
        if (result == null) {
            List<Class<?>> classes = new ArrayList<>();
            for (Rule r : RuleRegistry.ALL) classes.add(r.getClass());
            all = result = of(classes);
        }
        return result;
    }

    public static Optional<RuleDescriptor> find(String id) {
        return all().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /**
     * The catalogue of rule classes (annotated with {@link RuleInfo}) of one or more engines, by category then in the
     * given order: one entry per id, whose dialects are those of every class sharing the id.
     */
    public static List<RuleDescriptor> of(List<Class<?>> ruleClasses) {
        Map<String, List<Class<?>>> byId = new LinkedHashMap<>();
        for (Class<?> c : ruleClasses) byId.computeIfAbsent(info(c).id(), k -> new ArrayList<>()).add(c);
        List<RuleDescriptor> list = new ArrayList<>();
        for (Category category : Category.values()) {
            for (List<Class<?>> same : byId.values()) {
                if (info(same.get(0)).category() == category) list.add(describe(same));
            }
        }
        return List.copyOf(list);
    }

    /** Resource path of a rule's documentation, relative to the catalogue (or to a wing's rule class). */
    public static String docResource(String id) {
        return "docs/" + id + ".md";
    }

    private static RuleInfo info(Class<?> ruleClass) {
        RuleInfo info = ruleClass.getAnnotation(RuleInfo.class);
        if (info == null) throw new IllegalStateException(ruleClass.getName() + " lacks @RuleInfo");
        return info;
    }

    /**
     * One id: the first class gives the metadata; the section {@code ## Safe SQL} is for the first dialect, and every
     * further dialect claimed needs its own {@code ## Safe SQL (dialect)}.
     */
    private static RuleDescriptor describe(List<Class<?>> classes) {
        RuleInfo info = info(classes.get(0));
        String id = info.id();
        Set<String> dialects = new LinkedHashSet<>();
        boolean preview = true;
        for (Class<?> c : classes) {
            dialects.addAll(List.of(info(c).dialects()));
            preview &= info(c).preview();
        }
        String doc = readDoc(id, classes);
        String why = section(doc, "Why it is dangerous", id);
        String instead = section(doc, "What to do instead", id);
        String safeSql = sql(doc, "Safe SQL", id);
        Map<String, String> dialectSql = new LinkedHashMap<>();
        Map<String, String> dialectWhy = new LinkedHashMap<>();
        Map<String, String> dialectInstead = new LinkedHashMap<>();
        List<String> ordered = List.copyOf(dialects);
        for (String d : ordered.subList(1, ordered.size())) {
            dialectSql.put(d, sql(doc, "Safe SQL (" + d + ")", id));
            if (doc.contains("\n## Why it is dangerous (" + d + ")")) {
                dialectWhy.put(d, section(doc, "Why it is dangerous (" + d + ")", id));
            }
            if (doc.contains("\n## What to do instead (" + d + ")")) {
                dialectInstead.put(d, section(doc, "What to do instead (" + d + ")", id));
            }
        }
        return new RuleDescriptor(id, info.category(), info.severity(), info.summary(), why, instead, safeSql, ordered,
                preview, Map.copyOf(dialectSql), Map.copyOf(dialectWhy), Map.copyOf(dialectInstead));
    }

    private static String sql(String doc, String title, String id) {
        Matcher sql = SQL_BLOCK.matcher(section(doc, title, id));
        if (!sql.find()) throw new IllegalStateException(docResource(id) + ": '" + title + "' needs a ```sql block");
        return sql.group(1).strip();
    }

    private static String readDoc(String id, List<Class<?>> classes) {
        List<Class<?>> places = new ArrayList<>();
        places.add(RuleCatalog.class);
        places.addAll(classes);
        for (Class<?> place : places) {
            try (InputStream in = place.getResourceAsStream(docResource(id))) {
                if (in != null) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("rule " + id + " has no documentation at " + docResource(id));
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
