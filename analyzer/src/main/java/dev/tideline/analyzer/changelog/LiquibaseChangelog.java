package dev.tideline.analyzer.changelog;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseList;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.ValidationErrors;
import liquibase.logging.core.NoOpLogService;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;

/**
 * A Liquibase XML, YAML or JSON changelog read by Liquibase's own parser (includes, {@code includeAll}, properties and
 * {@code dbms} as Liquibase resolves them), with the SQL each change would run on PostgreSQL, generated offline.
 * Liquibase's classes are loaded only when this class is, that is when a changelog is linted.
 */
public final class LiquibaseChangelog {
    /** One change of a changeSet: its line in the changelog and the SQL Liquibase generates for it. */
    public record ChangeSql(int line, String name, List<String> sql) {}

    /**
     * One changeSet, in deployment order. {@code file} is the changelog that holds it; a changeSet of a formatted-SQL
     * changelog has no changes here ({@code sqlChangelog}): that file is analysed as SQL.
     */
    public record ChangeSetSql(Path file, int line, String id, String author, boolean runInTransaction,
                               List<ChangeSql> changes, boolean sqlChangelog) {}

    /** Why a changelog cannot be read; the message is for the user. */
    public static final class InvalidChangelog extends Exception {
        InvalidChangelog(String message) {
            super(message);
        }
    }

    private LiquibaseChangelog() {}

    /** One at a time: Liquibase keeps its scope (resources, logging) in one process-wide stack. */
    public static synchronized List<ChangeSetSql> read(Path changelog) throws InvalidChangelog {
        Path file = changelog.toAbsolutePath().normalize();
        List<Path> roots = searchRoots(file.getParent());
        Database postgres = new PostgresDatabase();
        try {
            List<ResourceAccessor> accessors = new ArrayList<>();
            for (Path root : roots) accessors.add(new DirectoryResourceAccessor(root));
            ResourceAccessor resources = new CompositeResourceAccessor(accessors);
            Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(), resources,
                    Scope.Attr.logService.name(), new NoOpLogService());
            return Scope.child(scope, () -> {
                String name = file.getFileName().toString();
                ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(name, resources);
                DatabaseChangeLog log = parser.parse(name, new ChangeLogParameters(postgres), resources);
                return changeSets(log, roots, postgres);
            });
        } catch (InvalidChangelog e) {
            throw e;
        } catch (FileNotFoundException e) {
            throw new InvalidChangelog("cannot read: " + e.getMessage());
        } catch (Exception | LinkageError e) {
            throw new InvalidChangelog("Liquibase cannot read this changelog: " + firstLine(e));
        }
    }

    /**
     * Where include paths are looked up: the changelog's folder, then its parents up to a Spring Boot resources root
     * ({@code db/changelog/…} includes are relative to the classpath root, two levels up).
     */
    private static List<Path> searchRoots(Path dir) {
        List<Path> roots = new ArrayList<>();
        for (Path d = dir; d != null && roots.size() < 3; d = d.getParent()) roots.add(d);
        return roots;
    }

    private static List<ChangeSetSql> changeSets(DatabaseChangeLog log, List<Path> roots, Database postgres)
            throws InvalidChangelog {
        Map<Path, String> texts = new LinkedHashMap<>();
        Map<Path, Integer> lastLine = new LinkedHashMap<>();
        List<ChangeSetSql> out = new ArrayList<>();
        for (liquibase.changelog.ChangeSet cs : log.getChangeSets()) {
            if (!DatabaseList.definitionMatches(cs.getDbmsSet(), postgres, true)) continue;
            Path file = locate(cs.getFilePath(), roots);
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql")) {
                out.add(new ChangeSetSql(file, 0, cs.getId(), cs.getAuthor(), cs.isRunInTransaction(), List.of(), true));
                continue;
            }
            String text = texts.computeIfAbsent(file, LiquibaseChangelog::text);
            int line = SourceLines.changeSetLine(text, cs.getId(), lastLine.getOrDefault(file, 0));
            lastLine.put(file, line);
            List<ChangeSql> changes = new ArrayList<>();
            int changeLine = line;
            for (Change change : cs.getChanges()) {
                String where = "changeSet " + cs.getId() + " by " + cs.getAuthor() + ", " + change.getSerializedObjectName();
                ValidationErrors errors = change.validate(postgres);
                if (errors.hasErrors()) throw new InvalidChangelog(where + ": " + String.join("; ", errors.getErrorMessages()));
                changeLine = SourceLines.changeLine(text, change.getSerializedObjectName(), changeLine, line);
                List<String> sql = new ArrayList<>();
                try {
                    for (liquibase.statement.SqlStatement statement : change.generateStatements(postgres)) {
                        for (Sql s : SqlGeneratorFactory.getInstance().generateSql(statement, postgres)) sql.add(s.toSql());
                    }
                } catch (RuntimeException e) {
                    throw new InvalidChangelog(where + ": Liquibase cannot generate its SQL offline: " + firstLine(e));
                }
                changes.add(new ChangeSql(changeLine, change.getSerializedObjectName(), List.copyOf(sql)));
            }
            out.add(new ChangeSetSql(file, line, cs.getId(), cs.getAuthor(), cs.isRunInTransaction(), List.copyOf(changes), false));
        }
        return out;
    }

    /** The file a changeSet's path names, under the first search root that holds it. */
    private static Path locate(String filePath, List<Path> roots) {
        String relative = filePath.startsWith("classpath:") ? filePath.substring("classpath:".length()) : filePath;
        Path asGiven = Path.of(relative);
        if (asGiven.isAbsolute()) return asGiven.normalize();
        for (Path root : roots) {
            Path candidate = root.resolve(relative).normalize();
            if (Files.isRegularFile(candidate)) return candidate;
        }
        return roots.get(0).resolve(relative).normalize();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        Matcher m = Pattern.compile("\\R").matcher(message);
        return m.find() ? message.substring(0, m.start()) : message;
    }
}
