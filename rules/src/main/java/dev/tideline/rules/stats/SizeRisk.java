package dev.tideline.rules.stats;

import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.Category;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Raises or lowers locking findings by the live size of the tables they lock: a rewrite of a 10-row lookup
 * table is over in milliseconds, the same on a 40 GB table blocks traffic for minutes. Sizes are passed in
 * (read by the caller); a table of unknown size is never treated as small.
 */
public final class SizeRisk {
    /**
     * Locking rules whose harm does not scale with size: a lock queue forms behind a long-running query,
     * and an explicit LOCK or a lock kept across statements lasts as long as the transaction, whatever the
     * table holds.
     */
    private static final Set<String> SIZE_INDEPENDENT = Set.of(
            "lock-timeout-missing", "statement-timeout-missing", "lock-held-across-statements", "lock-table-statement");

    private final Map<TableRef, TableSize> sizes;

    public SizeRisk(Map<TableRef, TableSize> sizes) {
        this.sizes = new LinkedHashMap<>(sizes);
    }

    /** The same lint result with each size-dependent locking finding re-rated and its table sizes in the message. */
    public LintResult apply(LintResult lint) {
        if (sizes.isEmpty()) return lint;
        List<Finding> findings = new ArrayList<>(lint.findings().size());
        for (Finding f : lint.findings()) findings.add(adjust(f));
        List<LintResult.Suppressed> suppressed = new ArrayList<>(lint.suppressed().size());
        for (LintResult.Suppressed s : lint.suppressed()) suppressed.add(new LintResult.Suppressed(adjust(s.finding()), s.reason()));
        return new LintResult(lint.analysis(), findings, suppressed);
    }

    /** Every table size read, in the order the tables were asked for. */
    public Map<TableRef, TableSize> sizes() {
        return Collections.unmodifiableMap(sizes);
    }

    /** The size of a table, matching an unqualified name with {@code public.}. */
    public Optional<TableSize> of(TableRef table) {
        TableSize exact = sizes.get(table);
        if (exact != null) return Optional.of(exact);
        return sizes.entrySet().stream().filter(e -> e.getKey().sameAs(table)).map(Map.Entry::getValue).findFirst();
    }

    Finding adjust(Finding f) {
        if (f.category() != Category.LOCKING || SIZE_INDEPENDENT.contains(f.rule()) || f.locks() == null) return f;
        // The locked table whose size sets how long the lock is held; a referenced parent only waits for it.
        Map<TableRef, Optional<TableSize>> locked = new LinkedHashMap<>();
        for (TableLock l : f.locks()) {
            if (!l.referenced() && (l.blocksReads() || l.blocksWrites())) locked.putIfAbsent(l.table(), of(l.table()));
        }
        if (locked.isEmpty() || locked.values().stream().allMatch(Optional::isEmpty)) return f;
        boolean allSmall = locked.values().stream().allMatch(s -> s.isPresent() && s.get().small());
        boolean anyLarge = locked.values().stream().anyMatch(s -> s.isPresent() && s.get().large());
        String sizes = describe(locked);
        if (anyLarge) return with(f, raise(f.severity()), "large table: " + sizes);
        if (allSmall) return with(f, lower(f.severity()), "small table: " + sizes + ", so the lock is brief");
        return with(f, f.severity(), sizes);
    }

    private static String describe(Map<TableRef, Optional<TableSize>> locked) {
        List<String> parts = new ArrayList<>();
        locked.forEach((t, s) -> parts.add(t + " (" + s.map(SizeRisk::describe).orElse("size unknown") + ")"));
        return String.join(", ", parts);
    }

    private static String describe(TableSize size) {
        return size.rows() < 0 ? "size unknown (table never analysed), " + size.bytesText() + " on disk" : size.describe();
    }

    private static Finding with(Finding f, Severity severity, String note) {
        String change = severity == f.severity() ? ""
                : "; " + (severity.ordinal() < f.severity().ordinal() ? "raised" : "lowered") + " from " + name(f.severity());
        return new Finding(f.rule(), severity, f.category(), f.file(), f.line(), f.column(),
                f.message() + " [" + note + change + "]", f.statement(), f.locks(), f.fix(), f.textFix());
    }

    private static String name(Severity s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static Severity raise(Severity s) {
        return s == Severity.INFO ? Severity.WARNING : Severity.ERROR;
    }

    private static Severity lower(Severity s) {
        return s == Severity.ERROR ? Severity.WARNING : Severity.INFO;
    }
}
