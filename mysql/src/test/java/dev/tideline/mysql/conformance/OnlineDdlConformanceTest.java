package dev.tideline.mysql.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.Clause;
import dev.tideline.mysql.effects.DdlKind;
import dev.tideline.mysql.effects.LockLevel;
import dev.tideline.mysql.effects.OnlineDdl;
import dev.tideline.mysql.effects.Outcome;
import dev.tideline.mysql.effects.Prediction;
import dev.tideline.mysql.servers.RunningServer;
import dev.tideline.mysql.servers.ScratchDatabase;
import dev.tideline.mysql.servers.ServerKind;
import dev.tideline.mysql.servers.Servers;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The effect model against the servers: every case runs on every selected server (in parallel, one scratch database
 * each) under each ALGORITHM/LOCK clause, and the server's answer — refused (which error), rebuilt or not, rows copied —
 * is compared with {@link OnlineDdl}'s prediction for that server's version. The servers win: a disagreement fails.
 * The default build runs the clauses that tell the algorithms apart; {@code -Pmysql-exhaustive} runs every clause, the
 * slow cases and the metadata-lock probe on every case.
 */
class OnlineDdlConformanceTest {
    private static final boolean EXHAUSTIVE = Boolean.getBoolean("tideline.mysql.exhaustive");
    private static final List<String[]> CLAUSES = List.of(new String[] {null, null}, new String[] {"INSTANT", null},
            new String[] {"NOCOPY", "NONE"}, new String[] {"INPLACE", "NONE"}, new String[] {"INPLACE", "SHARED"},
            new String[] {"COPY", "NONE"}, new String[] {"COPY", "SHARED"});
    private static final List<String[]> EVERY_CLAUSE = concat(Oracle.ALL_CLAUSES,
            List.of(new String[] {null, "NONE"}, new String[] {null, "SHARED"}, new String[] {null, "EXCLUSIVE"}));
    /** Cases whose metadata lock every build watches: one per algorithm and the statements without a clause. */
    private static final Set<String> MDL_CASES = Set.of("add_col_null_end", "add_index", "int_to_bigint", "rename_table_stmt",
            "optimize_table");
    private static final Set<DdlKind> PARTITION_KINDS = EnumSet.of(DdlKind.ADD_PARTITION, DdlKind.DROP_PARTITION,
            DdlKind.TRUNCATE_PARTITION, DdlKind.REORGANIZE_PARTITION);

    private record Result(String server, int cases, int runs, List<String> disagreements) {}

    @Test
    void theModelPredictsWhatEveryServerDoes() throws Exception {
        List<ServerKind> kinds = ServerKind.selected();
        Servers.startAsync(kinds);
        List<DdlCase> cases = new ArrayList<>(DdlCases.all());
        if (EXHAUSTIVE) cases.addAll(DdlCases.exhaustiveOnly());
        ExecutorService pool = Executors.newFixedThreadPool(kinds.size());
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (ServerKind kind : kinds) futures.add(pool.submit(() -> run(Servers.get(kind), cases)));
            List<String> all = new ArrayList<>();
            StringBuilder report = new StringBuilder("server                      cases  runs  disagreements\n");
            for (int i = 0; i < futures.size(); i++) {
                Result r;
                try {
                    r = futures.get(i).get();
                } catch (ExecutionException e) {
                    // one server that cannot run must not hide what the others answered
                    r = new Result(kinds.get(i).id(), 0, 0, List.of(kinds.get(i).id() + ": could not run: " + e.getCause()));
                }
                report.append(String.format("%-26s %6d %5d %6d%n", r.server(), r.cases(), r.runs(), r.disagreements().size()));
                all.addAll(r.disagreements());
            }
            System.out.print(report);
            all.forEach(d -> System.out.println("  " + d));
            assertTrue(all.isEmpty(), all.size() + " disagreements between the model and the servers:\n" + String.join("\n", all));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result run(RunningServer server, List<DdlCase> cases) throws Exception {
        MySqlVersion version = MySqlVersion.parse(server.version(), MySqlVersion.Flavour.MYSQL);
        List<String> disagreements = new ArrayList<>();
        // COPY with LOCK=NONE tells something only where an online copy exists; elsewhere it is always 1846
        List<String[]> clauses = CLAUSES.stream()
                .filter(c -> version.supportsOnlineCopy() || !("COPY".equals(c[0]) && "NONE".equals(c[1]))).toList();
        int runs = 0;
        try (ScratchDatabase db = server.scratchDatabase()) {
            Oracle oracle = new Oracle(db);
            for (DdlCase c : cases) {
                Prediction p = OnlineDdl.predict(c.setupSql(), c.statement(), version);
                String at = server.kind().id() + " " + c.name();
                if (!p.modelled()) {
                    disagreements.add(at + ": not modelled: " + p);
                    continue;
                }
                Map<String, Answer> answers = oracle.run(c, EXHAUSTIVE ? EVERY_CLAUSE : clauses);
                runs += answers.size();
                for (Answer a : answers.values()) {
                    String problem = compare(p, a);
                    if (problem != null) disagreements.add(at + " " + a.clause() + ": " + problem);
                }
                if (EXHAUSTIVE || MDL_CASES.contains(c.name())) {
                    Mdl mdl = new MdlProbe(db).watch(c);
                    if (mdl.waited() != p.effect().exclusiveMdl()) {
                        disagreements.add(at + " MDL: predicted exclusive=" + p.effect().exclusiveMdl() + ", server waited="
                                + mdl.waited() + " (" + mdl.pendingLock() + ")");
                    }
                }
            }
        }
        return new Result(server.toString(), cases.size(), runs, disagreements);
    }

    /** Null when the server did what the model predicts for this clause, else what differed. */
    static String compare(Prediction p, Answer a) {
        Clause clause = new Clause(a.algorithm() == null ? null : Algorithm.valueOf(a.algorithm()),
                a.lock() == null ? null : LockLevel.valueOf(a.lock()));
        Outcome o = p.outcome(clause);
        if (o instanceof Outcome.Runs r) {
            if (!a.accepted()) return "predicted " + r.algorithm() + (r.rebuild() ? " with rebuild" : "") + ", server refused "
                    + a.errno() + " " + a.message();
            if (r.rebuild() != a.rebuilt()) return "predicted " + r.algorithm() + " rebuild=" + r.rebuild() + ", server rebuilt="
                    + a.rebuilt() + " (" + a.rows() + " rows)";
            boolean copied = a.rows() > 0;
            if (clause.isDefault() && p.kinds().stream().noneMatch(PARTITION_KINDS::contains)
                    && (r.algorithm() == Algorithm.COPY) != copied) {
                return "predicted " + r.algorithm() + ", server reported " + a.rows() + " rows copied";
            }
            return null;
        }
        Outcome.Refused refused = (Outcome.Refused) o;
        if (a.accepted()) return "predicted refusal " + refused.errnos() + " (" + refused.reason() + "), server ran it"
                + (a.rebuilt() ? " with rebuild" : "");
        if (!refused.errnos().contains(a.errno())) return "predicted " + refused.errnos() + ", server refused " + a.errno()
                + " " + a.message();
        return null;
    }

    /** Every kind the model tells apart has a case (checked against the predictions of the four server versions). */
    @Test
    void everyKindHasACase() {
        EnumSet<DdlKind> covered = EnumSet.noneOf(DdlKind.class);
        List<String> unmodelled = new ArrayList<>();
        for (String version : List.of("8.0.31", "8.0.15", "10.11.5", "11.4.5")) {
            MySqlVersion v = MySqlVersion.parse(version, MySqlVersion.Flavour.MYSQL);
            for (DdlCase c : DdlCases.all()) {
                Prediction p = OnlineDdl.predict(c.setupSql(), c.statement(), v);
                if (!p.modelled()) unmodelled.add(version + " " + c.name() + ": " + p);
                covered.addAll(p.kinds());
            }
        }
        assertEquals(List.of(), unmodelled);
        EnumSet<DdlKind> missing = EnumSet.complementOf(covered);
        missing.remove(DdlKind.UNMODELLED);
        assertEquals(EnumSet.noneOf(DdlKind.class), missing, "kinds without a conformance case");
    }

    private static List<String[]> concat(List<String[]> a, List<String[]> b) {
        List<String[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
