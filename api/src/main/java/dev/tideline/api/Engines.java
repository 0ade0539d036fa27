package dev.tideline.api;

import dev.tideline.mysql.lint.MySqlEngine;
import dev.tideline.rules.RuleCatalog;
import dev.tideline.rules.RuleDescriptor;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.engine.LintEngine;
import dev.tideline.rules.engine.PostgresEngine;
import dev.tideline.rules.engine.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that lists the engines (no ServiceLoader, no classpath scan: start-up time counts), chooses the run's
 * {@link Target} from the configuration and the command line, and assembles the rule catalogue of every engine.
 */
public final class Engines {
    private static final PostgresEngine POSTGRES = new PostgresEngine();
    private static final List<LintEngine> ALL = List.of(POSTGRES, new MySqlEngine());
    private static final String DEFAULT_DIALECT = "postgres";
    private static volatile List<RuleDescriptor> catalogue;

    private Engines() {}

    /**
     * The run's target. {@code --target dialect[:version]} and {@code --dialect} win over {@code dialect:} and
     * {@code version:} of tideline.yaml; the file's version counts only for the file's dialect.
     *
     * @param dialectOption {@code --dialect}, or null
     * @param targetOption  {@code --target}, or null
     * @param pgVersionOption {@code --pg-version} was given (PostgreSQL's own option)
     */
    public static Target target(TidelineConfig settings, String dialectOption, String targetOption, boolean pgVersionOption) {
        String dialect = null;
        String version = null;
        String from = null;
        if (targetOption != null) {
            int colon = targetOption.indexOf(':');
            dialect = (colon < 0 ? targetOption : targetOption.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
            version = colon < 0 ? null : targetOption.substring(colon + 1).strip();
            if (version != null && version.isEmpty()) throw new TidelineException("--target " + targetOption + ": the version after ':' is empty");
            from = "--target";
        }
        if (dialectOption != null) {
            String d = dialectOption.strip().toLowerCase(Locale.ROOT);
            if (dialect != null && !dialect.equals(d)) {
                throw new TidelineException("--dialect " + dialectOption + " and --target " + targetOption + " name different dialects");
            }
            dialect = d;
            from = from == null ? "--dialect" : from;
        }
        TidelineConfig.Written written = settings.dialect();
        String configured = written == null ? DEFAULT_DIALECT : written.value().toLowerCase(Locale.ROOT);
        if (dialect == null) {
            dialect = configured;
            from = written == null ? null : written.where() + ": dialect";
        }
        if (version == null && dialect.equals(configured) && settings.version() != null) {
            version = settings.version().value();
            from = settings.version().where() + ": version";
        }
        LintEngine engine = engine(dialect).orElse(null);
        if (engine == null) {
            String where = from != null && from.startsWith("--") ? from : written != null ? written.where() + ": dialect" : from;
            throw new TidelineException(where + ": unknown dialect '" + dialect + "' (expected " + String.join(", ", dialects()) + ")");
        }
        if (pgVersionOption && engine != POSTGRES) {
            throw new TidelineException("--pg-version applies to PostgreSQL; for " + dialect + " give the version with --target "
                    + dialect + ":VERSION");
        }
        try {
            return engine.target(dialect, version);
        } catch (IllegalArgumentException e) {
            throw new TidelineException(from + ": " + e.getMessage());
        }
    }

    /** Plans, reports and traces are PostgreSQL's for now: any other target is refused with a clear message. */
    public static void requirePostgres(Target target, String command) {
        if (target.engine() != POSTGRES) {
            throw new TidelineException("tideline " + command + " supports PostgreSQL only for now; for " + target.display()
                    + " use tideline lint");
        }
    }

    /** The engine whose own {@code tideline backfill} takes this JDBC URL (MySQL, MariaDB), or empty for PostgreSQL's. */
    public static Optional<dev.tideline.rules.plan.EngineBackfill> backfill(String jdbcUrl) {
        for (LintEngine e : ALL) {
            Optional<dev.tideline.rules.plan.EngineBackfill> b = e.backfill();
            if (b.isPresent() && b.get().handles(jdbcUrl)) return b;
        }
        return Optional.empty();
    }

    /** Every rule of every engine, one entry per id, by category. */
    public static List<RuleDescriptor> catalogue() {
        List<RuleDescriptor> c = catalogue;
        if (c == null) {
            List<Class<?>> classes = new ArrayList<>();
            for (LintEngine e : ALL) classes.addAll(e.ruleClasses());
            catalogue = c = RuleCatalog.of(classes);
        }
        return c;
    }

    public static Optional<RuleDescriptor> find(String id) {
        return catalogue().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** A rule's documentation as a run on {@code target} shows it: the summary, reasons and safe SQL of its dialect. */
    public static Optional<RuleDescriptor> doc(Target target, String id) {
        String dialect = target.engine().dialects().get(0);
        for (Class<?> c : target.engine().ruleClasses()) {
            RuleInfo info = c.getAnnotation(RuleInfo.class);
            if (info.id().equals(id)) return find(id).map(d -> d.on(dialect, info.summary()));
        }
        return find(id);
    }

    /** The ids a configuration and a suppression may name: every engine's rules. */
    public static Set<String> ruleIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (LintEngine e : ALL) for (Class<?> c : e.ruleClasses()) ids.add(c.getAnnotation(RuleInfo.class).id());
        return ids;
    }

    private static Optional<LintEngine> engine(String dialect) {
        return ALL.stream().filter(e -> e.dialects().contains(dialect)).findFirst();
    }

    private static List<String> dialects() {
        List<String> names = new ArrayList<>();
        for (LintEngine e : ALL) names.addAll(e.dialects());
        return names;
    }
}
