package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;

/** Statements PostgreSQL refuses to run inside a transaction block. */
final class NonTransactional {
    private NonTransactional() {}

    /** The lock model's verdict, plus the operation kinds known to be non-transactional (for DO-block statements). */
    static boolean is(AnalyzedOperation op) {
        if (!op.effect().transactional()) return true;
        Operation o = op.operation();
        if (o instanceof Operation.CreateIndex c) return c.concurrently();
        if (o instanceof Operation.DropIndex d) return d.concurrently();
        if (o instanceof Operation.Reindex r) {
            return r.concurrently() || "SYSTEM".equalsIgnoreCase(r.target()) || "DATABASE".equalsIgnoreCase(r.target());
        }
        if (o instanceof Operation.DetachPartition d) return d.concurrently() && !d.finalizeDetach();
        if (o instanceof Operation.Vacuum v) return !v.analyzeOnly();
        if (o instanceof Operation.Cluster c) return c.table() == null;
        if (o instanceof Operation.DropDatabase) return true;
        if (o instanceof Operation.ObjectChange c) {
            return ("DATABASE".equals(c.objectType()) && !"ALTER".equals(c.verb()))
                    || "TABLESPACE".equals(c.objectType()) || "SYSTEM".equals(c.objectType());
        }
        return false;
    }

    /** e.g. "CREATE INDEX CONCURRENTLY". */
    static String describe(Operation o) {
        if (o instanceof Operation.CreateIndex) return "CREATE INDEX CONCURRENTLY";
        if (o instanceof Operation.DropIndex) return "DROP INDEX CONCURRENTLY";
        if (o instanceof Operation.Reindex r) return "REINDEX " + r.target() + (r.concurrently() ? " CONCURRENTLY" : "");
        if (o instanceof Operation.DetachPartition) return "DETACH PARTITION CONCURRENTLY";
        if (o instanceof Operation.Vacuum) return "VACUUM";
        if (o instanceof Operation.Cluster) return "CLUSTER";
        if (o instanceof Operation.DropDatabase) return "DROP DATABASE";
        if (o instanceof Operation.AlterEnumAddValue) return "ALTER TYPE ... ADD VALUE";
        if (o instanceof Operation.ObjectChange c) return c.verb() + " " + c.objectType();
        return "this statement";
    }
}
