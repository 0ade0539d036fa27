package dev.tideline.rules;

/** What kind of harm a rule guards against. */
public enum Category {
    LOCKING("Locks and rewrites on existing tables"),
    DESTRUCTIVE("Destroys data"),
    COMPATIBILITY("Breaks the running release"),
    TRANSACTIONS("Transactions"),
    ROBUSTNESS("Robustness"),
    SCHEMA_DESIGN("Schema design"),
    ANALYSIS("Analysis");

    private final String title;

    Category(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
