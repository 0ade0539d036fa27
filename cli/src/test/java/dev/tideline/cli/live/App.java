package dev.tideline.cli.live;

/**
 * The SQL one application version sends for the logical row (id, customer_id, sku, qty, price_cents).
 * {@code qty} is the column that holds the quantity in that version (renamed by one change).
 */
record App(String name, String qty, boolean inserts) {
    static final String TABLE = "items";

    /** Parameters: id, customer_id, sku, qty, price_cents. */
    String insertSql() {
        return "INSERT INTO " + TABLE + " (id, customer_id, sku, " + qty + ", price_cents) VALUES (?, ?, ?, ?, ?)";
    }

    /** Parameters: qty, price_cents, id. */
    String updateSql() {
        return "UPDATE " + TABLE + " SET " + qty + " = ?, price_cents = ? WHERE id = ?";
    }

    /** Parameter: id; returns qty, price_cents. */
    String readSql() {
        return "SELECT " + qty + ", price_cents FROM " + TABLE + " WHERE id = ?";
    }
}
