package dev.tideline.rules.edit;

import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.TransactionTracker;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.TextEdit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How each runner is told, in its own way, where a statement runs: outside any transaction (CONCURRENTLY), or in a
 * transaction after the one that holds this statement (VALIDATE after NOT VALID). An empty answer means the runner
 * offers no mechanical way from here (an explicit BEGIN, a runner without such a switch): the fix stays prose.
 */
public final class RunnerWays {
    private static final Pattern FLYWAY_VERSION = Pattern.compile("^([Vv])([0-9][0-9._]*?)__(.*)\\.sql$");

    private final Runner runner;
    private final SourceText source;
    private final List<TransactionTracker.Changeset> changesets;

    public RunnerWays(Runner runner, SourceText source, List<TransactionTracker.Changeset> changesets) {
        this.runner = runner;
        this.source = source;
        this.changesets = changesets;
    }

    /**
     * Edits that make the runner run the span's statement (in {@code tx}) outside a transaction (none needed when it
     * already is, or when it is the file's only statement and the runner then sends it alone: Flyway, golang-migrate).
     */
    public Optional<List<TextEdit>> outsideTransaction(SourceSpan span, TxContext tx, boolean onlyStatement) {
        if (!tx.inTransaction()) return Optional.of(List.of());
        if (tx.source() != TxContext.Source.RUNNER) return Optional.empty();
        boolean sentAlone = onlyStatement && (runner == Runner.FLYWAY || runner == Runner.GOLANG_MIGRATE || runner == Runner.PRISMA);
        if (sentAlone) return Optional.of(List.of());
        return transactionOff(span.line());
    }

    /** Edits that switch the runner's transaction off for the file (or, for Liquibase, the changeset holding {@code line}). */
    public Optional<List<TextEdit>> transactionOff(int line) {
        Path file = source.file();
        return switch (runner) {
            case FLYWAY -> sidecar(file.resolveSibling(file.getFileName() + ".conf"), "executeInTransaction=false");
            case DIESEL -> file.getParent() == null ? Optional.empty()
                    : sidecar(file.getParent().resolve("metadata.toml"), "run_in_transaction = false");
            case GOOSE -> Optional.of(List.of(TextEdit.insert(file, 1, 1, "-- +goose NO TRANSACTION\n")));
            case SQLX -> Optional.of(List.of(TextEdit.insert(file, 1, 1, "-- no-transaction\n")));
            case LIQUIBASE -> changesetAt(line).map(header -> List.of(TextEdit.insert(file, header,
                    source.line(header).stripTrailing().length() + 1, " runInTransaction:false")));
            default -> Optional.empty();
        };
    }

    /**
     * Edits that run {@code statements} in a transaction that starts after the one holding the span's statement has
     * committed: right after it when nothing holds it open, else a migration of its own that sorts just after this
     * file (Flyway {@code V12} → {@code V12.1}), or a changeSet of its own (Liquibase formatted SQL).
     */
    public Optional<List<TextEdit>> later(SourceSpan span, TxContext tx, String statements) {
        if (!tx.inTransaction()) return Optional.of(List.of(span.after(statements)));
        if (tx.source() != TxContext.Source.RUNNER) return Optional.empty();
        Path file = source.file();
        if (runner == Runner.FLYWAY) {
            Matcher m = FLYWAY_VERSION.matcher(file.getFileName().toString());
            if (!m.matches()) return Optional.empty();
            String separator = m.group(2).contains(".") ? "." : "_";
            for (int n = 1; n < 100; n++) {
                String prefix = m.group(1) + m.group(2) + separator + n + "__";
                Path next = file.resolveSibling(prefix + m.group(3) + "_later.sql");
                if (versionTaken(file.getParent(), prefix)) continue;
                return Optional.of(List.of(TextEdit.create(next, statements + "\n")));
            }
            return Optional.empty();
        }
        if (runner == Runner.LIQUIBASE && !changesets.isEmpty()) {
            Optional<Integer> header = changesetAt(span.line());
            if (header.isEmpty()) return Optional.empty();
            int next = source.lines() + 1;
            for (TransactionTracker.Changeset c : changesets) if (c.line() > header.get()) { next = c.line(); break; }
            String id = changesets.stream().filter(c -> c.line() == header.get()).findFirst().orElseThrow().id();
            String text = "--changeset " + id + "-later\n" + statements + "\n";
            if (next > source.lines()) {
                boolean endsWithNewline = source.text().endsWith("\n");
                int last = source.lines();
                return Optional.of(List.of(TextEdit.insert(file, last, source.line(last).length() + 1,
                        (endsWithNewline ? "" : "\n") + text)));
            }
            return Optional.of(List.of(TextEdit.insert(file, next, 1, text + "\n")));
        }
        return Optional.empty();
    }

    /** The {@code --changeset} line of the changeset holding {@code line} (formatted SQL files only). */
    private Optional<Integer> changesetAt(int line) {
        if (!source.file().getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql")) {
            return Optional.empty();
        }
        Integer at = null;
        for (TransactionTracker.Changeset c : changesets) if (c.line() <= line) at = c.line();
        return Optional.ofNullable(at);
    }

    private static boolean versionTaken(Path dir, String prefix) {
        if (dir == null) return false;
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix));
        } catch (IOException e) {
            return true;
        }
    }

    /** A runner's per-migration settings file, created with the setting or given it (empty when set otherwise). */
    private Optional<List<TextEdit>> sidecar(Path file, String setting) {
        if (!Files.exists(file)) return Optional.of(List.of(TextEdit.create(file, setting + "\n")));
        try {
            String text = Files.readString(file).replace("\r\n", "\n");
            String key = setting.substring(0, setting.indexOf('=')).strip();
            if (text.contains(key)) return Optional.empty();
            SourceText sidecar = new SourceText(file, text);
            int last = sidecar.lines();
            return Optional.of(List.of(TextEdit.insert(file, last, sidecar.line(last).length() + 1,
                    (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + setting + "\n")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
