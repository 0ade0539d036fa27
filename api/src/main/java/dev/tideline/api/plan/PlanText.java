package dev.tideline.api.plan;

import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;
import java.io.PrintWriter;

/** The plan for a terminal: releases, their application change, steps with SQL, gates, then notes. */
public final class PlanText {
    private PlanText() {}

    public static void write(Plan plan, PrintWriter out) {
        if (plan.releases().isEmpty()) {
            out.println(plan.notes().isEmpty() ? "Nothing to plan: no statement needs more than one step."
                    : "No release could be planned.");
        }
        int k = 0;
        for (Release r : plan.releases()) {
            out.println("Release " + r.number());
            out.println("  Application: " + r.appChange());
            if (r.steps().isEmpty()) out.println("  Database: no step in this release.");
            for (Step s : r.steps()) {
                k++;
                out.println();
                out.println("  Step " + k + " [" + s.phase().id() + "] " + s.reason());
                if (!s.locks().isEmpty()) out.println("    locks: " + String.join("; ", s.locks()));
                if (!s.transactional()) out.println("    runs outside a transaction block");
                if (s.needsRetry()) out.println("    can queue behind long transactions: retried on lock timeout");
                for (String line : s.sql().split("\n")) out.println("    " + line);
            }
            out.println();
            out.println("  Gate: " + r.gate());
            out.println();
        }
        if (!plan.notes().isEmpty()) {
            out.println("Notes:");
            for (String n : plan.notes()) out.println("  - " + n);
        }
        out.flush();
    }
}
