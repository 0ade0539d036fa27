package dev.tideline.mysql.effects;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the model predicts for one statement on one server: the kinds of change it was classified as, what it does as
 * written ({@link #effect()}), and what it would do under any explicit ALGORITHM/LOCK clause ({@link #outcome}).
 */
public final class Prediction {
    /** Where a statement takes an ALGORITHM/LOCK clause. */
    enum ClausePlace { ALTER, NONE, SYNTAX_ERROR, IGNORED }

    private final List<DdlKind> kinds;
    private final List<Ways> ways;
    private final boolean mariaDb;
    private final ClausePlace clausePlace;
    private final int refusedErrno;
    private final boolean dataDependent;
    private final Clause written;
    private final List<String> notes;
    /** The metadata locks when they do not follow from the algorithm (ANALYZE, a CHECK the server ignores), else null. */
    private final List<MdlPhase> mdl;
    private final boolean narrowing;

    Prediction(List<DdlKind> kinds, List<Ways> ways, boolean mariaDb, ClausePlace clausePlace, int refusedErrno,
               boolean dataDependent, boolean narrowing, Clause written, List<String> notes, List<MdlPhase> mdl) {
        this.narrowing = narrowing;
        this.kinds = List.copyOf(kinds);
        this.ways = List.copyOf(ways);
        this.mariaDb = mariaDb;
        this.clausePlace = clausePlace;
        this.refusedErrno = refusedErrno;
        this.dataDependent = dataDependent;
        this.written = written;
        this.notes = List.copyOf(notes);
        this.mdl = mdl == null ? null : List.copyOf(mdl);
    }

    /**
     * A column type change that can lose or refuse existing values: shorter, smaller, fewer ENUM/SET members, or a
     * type that does not hold every value of the old one.
     */
    public boolean narrowing() {
        return narrowing;
    }

    /** The kinds of change that could each run INSTANT on this server on their own, in statement order. */
    public List<DdlKind> instantCapable() {
        List<DdlKind> out = new ArrayList<>();
        for (int i = 0; i < ways.size(); i++) if (ways.get(i).instant() != null) out.add(kinds.get(i));
        return out;
    }

    static Prediction unmodelled(String why) {
        return new Prediction(List.of(DdlKind.UNMODELLED), List.of(), false, ClausePlace.NONE, 0, false, false, Clause.DEFAULT,
                List.of(why), null);
    }

    public List<DdlKind> kinds() {
        return kinds;
    }

    public boolean modelled() {
        return !kinds.contains(DdlKind.UNMODELLED);
    }

    /** What the statement does with the clause it was written with. */
    public DdlEffect effect() {
        return effectOf(written);
    }

    /** What the statement would do with this clause instead of the written one. */
    public DdlEffect effectOf(Clause clause) {
        Outcome o = outcome(clause);
        if (o instanceof Outcome.Refused r) {
            List<String> n = new ArrayList<>(notes);
            n.add("the server refuses it (" + r.errnos() + "): " + r.reason());
            return new DdlEffect(null, false, null, List.of(), true, dataDependent, n);
        }
        Outcome.Runs runs = (Outcome.Runs) o;
        Ways.Exec exec = combined(runs.algorithm());
        LockLevel lock = exec == null ? LockLevel.NONE : exec.minLock();
        if (clause.lock() != null && clause.lock().compareTo(lock) > 0) lock = clause.lock();
        return new DdlEffect(runs.algorithm(), runs.rebuild(), lock, mdl != null ? mdl : mdl(runs.algorithm(), lock), true,
                dataDependent, notes);
    }

    private static List<MdlPhase> mdl(Algorithm a, LockLevel lock) {
        return switch (a) {
            case INSTANT -> List.of(new MdlPhase("EXCLUSIVE", "start"));
            case NOCOPY, INPLACE -> List.of(new MdlPhase("EXCLUSIVE", "start"),
                    new MdlPhase(lock == LockLevel.NONE ? "SHARED_UPGRADABLE" : "SHARED_NO_WRITE", "build"),
                    new MdlPhase("EXCLUSIVE", "commit"));
            case COPY -> List.of(new MdlPhase("SHARED_UPGRADABLE", "start"),
                    new MdlPhase(lock == LockLevel.NONE ? "SHARED_UPGRADABLE" : "SHARED_NO_WRITE", "build"),
                    new MdlPhase("EXCLUSIVE", "commit"));
        };
    }

    /** What the server does when the statement carries this clause instead. */
    public Outcome outcome(Clause clause) {
        if (refusedErrno != 0) return new Outcome.Refused(Set.of(refusedErrno), String.join("; ", notes));
        Clause c = clause;
        if (!c.isDefault()) {
            switch (clausePlace) {
                case NONE, SYNTAX_ERROR -> {
                    return new Outcome.Refused(Set.of(1064), "this statement takes no ALGORITHM/LOCK clause here");
                }
                case IGNORED -> c = Clause.DEFAULT;
                case ALTER -> { }
            }
        }
        if (!mariaDb && c.algorithm() == Algorithm.NOCOPY) return new Outcome.Refused(Set.of(1064), "NOCOPY is MariaDB's");
        if (!mariaDb && c.algorithm() == Algorithm.INSTANT && c.lock() != null) {
            return new Outcome.Refused(Set.of(1221), "MySQL takes no LOCK clause with ALGORITHM=INSTANT");
        }
        int instantErrno = 0;
        for (Algorithm a : candidates(c.algorithm())) {
            Ways.Exec exec = combined(a);
            if (exec == null) {
                if (a == Algorithm.INSTANT) instantErrno = ways.stream().mapToInt(Ways::instantErrno).max().orElse(0);
                continue;
            }
            if (c.lock() != null && exec.minLock().compareTo(c.lock()) > 0) {
                // without an ALGORITHM clause an instant change checks the LOCK clause there and goes no further
                if (a == Algorithm.INSTANT && c.algorithm() == null) {
                    return new Outcome.Refused(Set.of(1845, 1846), "needs LOCK=" + exec.minLock());
                }
                continue;
            }
            return new Outcome.Runs(a, a == Algorithm.COPY || exec.rebuild());
        }
        if (c.algorithm() == Algorithm.INSTANT && instantErrno != 0) {
            return new Outcome.Refused(Set.of(instantErrno), "instant row versions used up: rebuild the table first");
        }
        return new Outcome.Refused(Set.of(1845, 1846), "not supported with " + (c.isDefault() ? "any clause" : c.sql()));
    }

    private List<Algorithm> candidates(Algorithm requested) {
        List<Algorithm> all = new ArrayList<>(List.of(Algorithm.values()));
        if (!mariaDb) all.remove(Algorithm.NOCOPY);
        if (requested == null) return all;
        // MariaDB: ALGORITHM is the most expensive one accepted (except COPY, which it does); MySQL: exactly that one
        if (mariaDb && requested != Algorithm.COPY) return all.subList(0, all.indexOf(requested) + 1);
        return List.of(requested);
    }

    /** Every change of the statement at one algorithm: rebuilt if any rebuilds, the strongest of their weakest locks. */
    private Ways.Exec combined(Algorithm a) {
        if (ways.isEmpty()) return null;
        boolean rebuild = false;
        LockLevel lock = LockLevel.NONE;
        for (Ways w : ways) {
            Ways.Exec e = w.at(a);
            if (e == null) return null;
            rebuild |= e.rebuild();
            if (e.minLock().compareTo(lock) > 0) lock = e.minLock();
        }
        return new Ways.Exec(rebuild, lock);
    }

    @Override
    public String toString() {
        return kinds + " " + (modelled() ? effect() : notes);
    }
}
