package dev.tideline.rules.plan;

import java.util.List;

/**
 * One deploy: the database steps to run and the application change that must ship with (or before) them.
 *
 * @param number    1-based, in deploy order
 * @param appChange what the application must do in this release, e.g. "write both email and email_address"
 * @param gate      what must be true before the next release starts, e.g. "0 rows where … IS DISTINCT FROM …"
 */
public record Release(int number, String appChange, String gate, List<Step> steps) {
    public Release {
        steps = List.copyOf(steps);
    }
}
