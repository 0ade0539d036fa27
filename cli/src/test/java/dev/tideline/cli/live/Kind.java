package dev.tideline.cli.live;

import java.util.List;

/**
 * One risky change of the list: the naive one-step migration a developer would write, and the application
 * versions before and after it.
 */
enum Kind {
    ADD_NOT_NULL_COLUMN("ALTER TABLE items ADD COLUMN status text NOT NULL DEFAULT 'new';", "qty", true),
    SET_NOT_NULL("ALTER TABLE items ALTER COLUMN qty SET NOT NULL;", "qty", true),
    ADD_FOREIGN_KEY("ALTER TABLE items ADD CONSTRAINT items_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);",
            "qty", true),
    ADD_UNIQUE("ALTER TABLE items ADD CONSTRAINT items_sku_key UNIQUE (sku);", "qty", true),
    CREATE_INDEX("CREATE INDEX items_customer_id_idx ON items (customer_id);", "qty", true),
    RENAME_COLUMN("ALTER TABLE items RENAME COLUMN qty TO quantity;", "quantity", true),
    INT_TO_BIGINT("ALTER TABLE items ALTER COLUMN qty TYPE bigint;", "qty", true),
    // No inserts here: rows inserted after an UPDATE migration are outside it, stop-the-world or not.
    BATCHED_UPDATE("UPDATE items SET note = 'sku ' || sku WHERE note IS NULL;", "qty", false);

    /** The schema before the change: the earlier migration file. */
    static final String SCHEMA = """
            CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE items (id bigint PRIMARY KEY, customer_id bigint NOT NULL, sku text NOT NULL, qty int,
                                price_cents int NOT NULL, note text);
            """;

    /** The data before the change (not part of the migration files). */
    static final List<String> SEED = List.of(
            "INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 1000) g",
            "INSERT INTO items SELECT g, 1 + g % 1000, 'sku-' || g, g % 50, 100 + g % 900, NULL"
                    + " FROM generate_series(1, " + Workload.SEED_ROWS + ") g",
            "ANALYZE customers, items");

    final String naiveSql;
    final App oldApp;
    final App newApp;

    Kind(String naiveSql, String newQtyColumn, boolean inserts) {
        this.naiveSql = naiveSql;
        this.oldApp = new App("old app", "qty", inserts);
        this.newApp = new App("new app", newQtyColumn, inserts);
    }

    String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
