package dev.tideline.rules.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tideline.analyzer.AnalyzerOptions;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.files.SmallFile;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.RuleRegistry;
import dev.tideline.rules.Severity;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code tideline.yaml} settings. Immutable; the CLI derives overridden copies with the {@code with…} methods.
 *
 * <pre>
 * dialect: postgres        # or mysql, mariadb
 * version: "16"             # the target server version: 16; 8.0.36; 10.11 (pg-version: 15 is the same for postgres)
 * pg-version: 15
 * runner: flyway            # or liquibase, golang-migrate, prisma, diesel, sqlx, goose, psql, plain; absent = detect
 * transaction: runner       # runner (what the runner implies), none (autocommit) or per-file
 * exclude: ["db/legacy/**"]
 * placeholders: {schema: app}
 * rules:
 *   prefer-text: off        # off / on, or a severity: error, warning, info
 *   drop-column: {severity: warning}
 * </pre>
 */
public final class TidelineConfig {
    public static final String FILE_NAME = "tideline.yaml";
    /** A configuration is a few lines; anything larger is not one. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final List<String> KEYS = List.of("dialect", "version", "pg-version", "runner", "transaction", "exclude", "placeholders", "rules");

    /** How statements are assumed to be wrapped in transactions when the runner does not say. */
    public enum TransactionMode { RUNNER, NONE, PER_FILE }

    /**
     * A value as written, with where it was written ({@code tideline.yaml:3:10}), so that whoever understands it (the
     * engine list, for a dialect and version) can report a bad one at its place.
     */
    public record Written(String value, String where) {}

    /** One rule's setting: {@code enabled} and an optional severity override (null = the rule's default). */
    public record RuleSetting(boolean enabled, Severity severity) {}

    private final Path source;
    private final Written dialect;
    private final Written version;
    private final PgVersion pgVersion;
    private final Runner runner;
    private final TransactionMode transaction;
    private final List<String> exclude;
    private final Map<String, String> placeholders;
    private final Map<String, RuleSetting> rules;

    private TidelineConfig(Path source, Written dialect, Written version, PgVersion pgVersion, Runner runner,
                           TransactionMode transaction, List<String> exclude, Map<String, String> placeholders,
                           Map<String, RuleSetting> rules) {
        this.source = source;
        this.dialect = dialect;
        this.version = version;
        this.pgVersion = pgVersion;
        this.runner = runner;
        this.transaction = transaction;
        this.exclude = List.copyOf(exclude);
        this.placeholders = Map.copyOf(placeholders);
        this.rules = Map.copyOf(rules);
    }

    public static TidelineConfig defaults() {
        return new TidelineConfig(null, null, null, PgVersion.DEFAULT, null, TransactionMode.RUNNER, List.of(), Map.of(), Map.of());
    }

    /** Looks for {@code tideline.yaml} in {@code startDir} and its parents. */
    public static Optional<Path> find(Path startDir) {
        for (Path dir = startDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /**
     * Reads and parses a configuration file. Only a regular file of at most {@link #MAX_BYTES} is read: a device
     * ({@code /dev/zero}) would exhaust memory and a FIFO would block forever.
     */
    public static TidelineConfig load(Path file) throws ConfigException {
        return load(file, RuleRegistry.ids());
    }

    /** Reads a configuration whose {@code rules:} may name the rules {@code ruleIds} (those of every engine). */
    public static TidelineConfig load(Path file, Set<String> ruleIds) throws ConfigException {
        String text;
        try {
            text = SmallFile.read(file, MAX_BYTES);
        } catch (SmallFile.RefusedException e) {
            throw switch (e.problem()) {
                case NOT_A_REGULAR_FILE -> new ConfigException(file + ": not a regular file: a YAML configuration file was expected");
                case TOO_LARGE -> new ConfigException(file + ": over " + MAX_BYTES / 1024 + " KB: not a tideline configuration");
                case NOT_UTF8 -> new ConfigException(file + ": not UTF-8 text: a YAML configuration was expected", e);
                case UNREADABLE -> new ConfigException(file + ": cannot read configuration: " + e.getMessage(), e);
            };
        }
        return parse(file, text, ruleIds);
    }

    /** Parses configuration text; {@code file} is used for messages and as the base of relative exclude globs. */
    public static TidelineConfig parse(Path file, String text) throws ConfigException {
        return parse(file, text, RuleRegistry.ids());
    }

    private static TidelineConfig parse(Path file, String text, Set<String> ruleIds) throws ConfigException {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            return new Reader(file, p, ruleIds).read();
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            // the YAML parser's own wording names its internal events; say what it means
            String why = e.getOriginalMessage().contains("org.yaml.snakeyaml") ? "not valid YAML here (a mapping of settings was expected)"
                    : e.getOriginalMessage();
            throw new ConfigException(position(file, loc) + ": " + why, e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read configuration: " + e.getMessage(), e);
        }
    }

    /** The file this configuration came from, or null for the defaults. */
    public Path source() {
        return source;
    }

    /** {@code dialect:} as written, or null when the file does not say. */
    public Written dialect() {
        return dialect;
    }

    /** {@code version:} as written, or null when the file does not say. */
    public Written version() {
        return version;
    }

    public PgVersion pgVersion() {
        return pgVersion;
    }

    /** The configured runner, or null to detect it from the layout. */
    public Runner runner() {
        return runner;
    }

    public TransactionMode transaction() {
        return transaction;
    }

    public Map<String, String> placeholders() {
        return placeholders;
    }

    public List<String> exclude() {
        return exclude;
    }

    public Map<String, RuleSetting> rules() {
        return rules;
    }

    public TidelineConfig withPgVersion(PgVersion version) {
        return new TidelineConfig(source, dialect, this.version, version, runner, transaction, exclude, placeholders, rules);
    }

    /** These placeholder values beneath the configured ones (a key this file sets keeps its value). */
    public TidelineConfig withDefaultPlaceholders(Map<String, String> defaults) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(defaults);
        merged.putAll(placeholders);
        return new TidelineConfig(source, dialect, version, pgVersion, runner, transaction, exclude, merged, rules);
    }

    public TidelineConfig withRunner(Runner newRunner) {
        return new TidelineConfig(source, dialect, version, pgVersion, newRunner, transaction, exclude, placeholders, rules);
    }

    /**
     * Options for the analyzer. With no runner configured, {@code transaction: none} assumes autocommit
     * (the plain runner); otherwise the runner is detected from the layout.
     */
    public AnalyzerOptions analyzerOptions() {
        Runner r = runner;
        if (r == null && transaction == TransactionMode.NONE) r = Runner.PLAIN;
        return new AnalyzerOptions(pgVersion, r, placeholders);
    }

    public boolean enabled(String ruleId) {
        RuleSetting s = rules.get(ruleId);
        return s == null || s.enabled();
    }

    public Severity severity(String ruleId, Severity ruleDefault) {
        Severity configured = configuredSeverity(ruleId);
        return configured == null ? ruleDefault : configured;
    }

    /** The severity this configuration sets for the rule, or null when it leaves the rule's own. */
    public Severity configuredSeverity(String ruleId) {
        RuleSetting s = rules.get(ruleId);
        return s == null ? null : s.severity();
    }

    /**
     * True when the path matches an {@code exclude} glob, tried against the path relative to the configuration
     * file's directory (when the path is under it) and against the path as given.
     */
    public boolean excluded(Path path) {
        if (exclude.isEmpty()) return false;
        List<Path> forms = new ArrayList<>();
        forms.add(path.normalize());
        if (source != null) {
            Path base = source.toAbsolutePath().normalize().getParent();
            Path abs = path.toAbsolutePath().normalize();
            if (base != null && abs.startsWith(base)) forms.add(base.relativize(abs));
        }
        for (String glob : exclude) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            for (Path f : forms) if (m.matches(f)) return true;
        }
        return false;
    }

    private static String position(Path file, JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) return String.valueOf(file);
        return file + ":" + loc.getLineNr() + ":" + Math.max(1, loc.getColumnNr());
    }

    /** Streaming reader, so every error can name the exact position of the offending key or value. */
    private static final class Reader {
        private final Path file;
        private final JsonParser p;
        private final Set<String> ruleIds;
        private Written dialect;
        private Written version;
        private PgVersion pgVersion = PgVersion.DEFAULT;
        private Runner runner;
        private TransactionMode transaction = TransactionMode.RUNNER;
        private final List<String> exclude = new ArrayList<>();
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private final Map<String, RuleSetting> rules = new LinkedHashMap<>();

        Reader(Path file, JsonParser p, Set<String> ruleIds) {
            this.file = file;
            this.p = p;
            this.ruleIds = ruleIds;
        }

        TidelineConfig read() throws IOException, ConfigException {
            JsonToken t = p.nextToken();
            if (t != null) {
                if (t != JsonToken.START_OBJECT) throw error("the configuration must be a mapping of settings");
                Set<String> seen = new HashSet<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation keyAt = p.currentTokenLocation();
                    if (!seen.add(key)) throw error(keyAt, "duplicate key '" + key + "'");
                    p.nextToken();
                    switch (key) {
                        case "dialect" -> dialect = written("dialect");
                        case "version" -> version = written("version");
                        case "pg-version" -> pgVersion = readPgVersion();
                        case "runner" -> runner = readRunner();
                        case "transaction" -> transaction = readTransaction();
                        case "exclude" -> readExclude();
                        case "placeholders" -> readPlaceholders();
                        case "rules" -> readRules();
                        default -> throw error(keyAt, "unknown key '" + key + "' (known keys: " + String.join(", ", KEYS) + ")");
                    }
                }
            }
            return new TidelineConfig(file, dialect, version, pgVersion, runner, transaction, exclude, placeholders, rules);
        }

        private Written written(String what) throws IOException, ConfigException {
            return new Written(scalar(what).strip(), position(file, p.currentTokenLocation()));
        }

        private PgVersion readPgVersion() throws IOException, ConfigException {
            String v = scalar("pg-version");
            try {
                return new PgVersion(Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                throw error("pg-version must be a PostgreSQL major version from " + PgVersion.OLDEST + " to "
                        + PgVersion.NEWEST + ", not '" + v + "'");
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private Runner readRunner() throws IOException, ConfigException {
            String v = scalar("runner");
            if (v.equals("auto") || v.equals("detect")) return null;
            try {
                return Runner.valueOf(v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                List<String> names = new ArrayList<>();
                for (Runner r : Runner.values()) names.add(r.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                throw error("unknown runner '" + v + "' (expected auto or one of " + String.join(", ", names) + ")");
            }
        }

        private TransactionMode readTransaction() throws IOException, ConfigException {
            String v = scalar("transaction");
            try {
                return TransactionMode.valueOf(v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw error("unknown transaction mode '" + v + "' (expected runner, none or per-file)");
            }
        }

        private void readExclude() throws IOException, ConfigException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                exclude.add(glob(scalar("exclude")));
                return;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) exclude.add(glob(scalar("an exclude entry")));
        }

        private String glob(String g) throws ConfigException {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + g);
                return g;
            } catch (IllegalArgumentException e) {
                throw error("invalid exclude glob '" + g + "': " + e.getMessage());
            }
        }

        private void readPlaceholders() throws IOException, ConfigException {
            if (p.currentToken() != JsonToken.START_OBJECT) throw error("placeholders must be a mapping of name: value");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                placeholders.put(name, scalar("placeholder '" + name + "'"));
            }
        }

        private void readRules() throws IOException, ConfigException {
            if (p.currentToken() != JsonToken.START_OBJECT) throw error("rules must be a mapping of rule-id: setting");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String id = p.currentName();
                JsonLocation idAt = p.currentTokenLocation();
                if (!ruleIds.contains(id)) {
                    throw error(idAt, "unknown rule '" + id + "' (see `tideline rules` for the catalogue)");
                }
                p.nextToken();
                rules.put(id, p.currentToken() == JsonToken.START_OBJECT ? ruleObject(id) : ruleValue(id));
            }
        }

        private RuleSetting ruleObject(String id) throws IOException, ConfigException {
            boolean enabled = true;
            Severity severity = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation keyAt = p.currentTokenLocation();
                p.nextToken();
                switch (key) {
                    case "enabled" -> enabled = bool(scalar(id + ".enabled"));
                    case "severity" -> severity = severity(scalar(id + ".severity"));
                    default -> throw error(keyAt, "unknown key '" + key + "' for rule " + id + " (known keys: enabled, severity)");
                }
            }
            return new RuleSetting(enabled, severity);
        }

        private RuleSetting ruleValue(String id) throws IOException, ConfigException {
            String v = scalar(id).trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "off", "false", "no", "disabled" -> new RuleSetting(false, null);
                case "on", "true", "yes", "enabled" -> new RuleSetting(true, null);
                default -> new RuleSetting(true, severity(v));
            };
        }

        private boolean bool(String v) throws ConfigException {
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "true", "on", "yes" -> true;
                case "false", "off", "no" -> false;
                default -> throw error("expected true or false, not '" + v + "'");
            };
        }

        private Severity severity(String v) throws ConfigException {
            try {
                return Severity.valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error("unknown severity '" + v + "' (expected error, warning, info, on or off)");
            }
        }

        /** The current token as text; mappings and lists are rejected where a single value belongs. */
        private String scalar(String what) throws IOException, ConfigException {
            JsonToken t = p.currentToken();
            if (t == null || t.isStructStart() || t == JsonToken.VALUE_NULL) {
                throw error(what + " needs a single value");
            }
            return p.getText();
        }

        private ConfigException error(String message) {
            return error(p.currentTokenLocation(), message);
        }

        private ConfigException error(JsonLocation at, String message) {
            return new ConfigException(position(file, at) + ": " + message);
        }
    }
}
