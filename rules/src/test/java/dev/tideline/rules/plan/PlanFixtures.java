package dev.tideline.rules.plan;

import java.util.List;
import java.util.Map;

/**
 * One risky migration per plan kind, on a small schema with data. {@code features} are patterns the plan must
 * contain (each in some step of the given phase); {@code finalCheck} is a query returning true once every release
 * ran; {@code appActions} is SQL the application does between releases (release number → SQL run after it).
 */
final class PlanFixtures {
    record Feature(Phase phase, String pattern) {}

    record Fixture(String kind, String change, List<Feature> features, int minReleases, String finalCheck,
                   Map<Integer, String> appActions) {
        @Override
        public String toString() {
            return kind;
        }
    }

    static final String BASE = """
            CREATE TABLE customers (
                id serial PRIMARY KEY,
                name text NOT NULL
            );
            CREATE TABLE orders (
                id bigserial PRIMARY KEY,
                customer_id integer NOT NULL REFERENCES customers (id),
                total integer,
                total_cents bigint,
                note text
            );
            CREATE INDEX orders_customer_id_idx ON orders (customer_id);
            CREATE INDEX orders_total_idx ON orders (total);
            CREATE TABLE users (
                id bigserial PRIMARY KEY,
                email text NOT NULL,
                name text,
                legacy_flag boolean NOT NULL,
                street text,
                city text
            );
            CREATE INDEX users_email_idx ON users (email);
            CREATE TABLE events (
                id bigint,
                payload text
            );
            CREATE TABLE audit_log (
                id bigserial PRIMARY KEY,
                user_id bigint REFERENCES users (id),
                message text
            );
            """;

    /** Rows so batches, triggers and validations have work to do (the live-traffic proof is BackfillIT's). */
    static final String SEED = """
            INSERT INTO customers (name) SELECT 'customer ' || g FROM generate_series(1, 1500) g;
            INSERT INTO orders (customer_id, total, note) SELECT 1 + g % 1500, g % 997, 'n' || g FROM generate_series(1, 4000) g;
            INSERT INTO users (email, name, legacy_flag, street, city)
              SELECT 'u' || g || '@example.org', 'user ' || g, g % 2 = 0, g || ' Main St', 'City ' || (g % 50)
              FROM generate_series(1, 2500) g;
            INSERT INTO events (id, payload) SELECT g, 'p' || g FROM generate_series(1, 1200) g;
            INSERT INTO audit_log (user_id, message) SELECT 1 + g % 2500, 'm' || g FROM generate_series(1, 1000) g;
            """;

    static List<Fixture> all() {
        return List.of(
                new Fixture("rename-column", "ALTER TABLE users RENAME COLUMN email TO email_address;",
                        List.of(new Feature(Phase.EXPAND, "ADD COLUMN IF NOT EXISTS email_address"),
                                new Feature(Phase.EXPAND, "TRIGGER"),
                                new Feature(Phase.BACKFILL, "email_address IS DISTINCT FROM email"),
                                new Feature(Phase.EXPAND, "CREATE INDEX CONCURRENTLY IF NOT EXISTS \\S+ ON users \\(email_address\\)"),
                                new Feature(Phase.EXPAND, "VALIDATE CONSTRAINT"),
                                new Feature(Phase.CONTRACT, "DROP COLUMN IF EXISTS email\\b")), 3,
                        "SELECT count(*) = 2500 AND count(*) FILTER (WHERE email_address LIKE 'u%@example.org') = 2500"
                                + " AND NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email')"
                                + " AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users'"
                                + " AND column_name = 'email_address' AND is_nullable = 'NO') FROM users",
                        Map.of(1, "INSERT INTO users (email, legacy_flag) VALUES ('old-release@example.org', true);"
                                        + " DELETE FROM users WHERE email = 'old-release@example.org';",
                                2, "INSERT INTO users (email_address, legacy_flag) VALUES ('new-release@example.org', true);"
                                        + " DELETE FROM users WHERE email = 'new-release@example.org';")),
                new Fixture("rename-table", "ALTER TABLE audit_log RENAME TO audit_entries;",
                        List.of(new Feature(Phase.EXPAND, "RENAME TO audit_entries"),
                                new Feature(Phase.EXPAND, "CREATE VIEW audit_log AS SELECT \\* FROM audit_entries"),
                                new Feature(Phase.CONTRACT, "DROP VIEW IF EXISTS audit_log")), 3,
                        "SELECT to_regclass('audit_log') IS NULL AND (SELECT count(*) FROM audit_entries) = 1000",
                        Map.of(1, "INSERT INTO audit_log (user_id, message) VALUES (1, 'through the view');"
                                + " DELETE FROM audit_log WHERE message = 'through the view';")),
                new Fixture("change-type-pk", "ALTER TABLE customers ALTER COLUMN id TYPE bigint;",
                        List.of(new Feature(Phase.EXPAND, "ADD COLUMN IF NOT EXISTS id_new bigint"),
                                new Feature(Phase.BACKFILL, "id_new"),
                                new Feature(Phase.EXPAND, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS"),
                                new Feature(Phase.CONTRACT, "PRIMARY KEY USING INDEX"),
                                new Feature(Phase.CONTRACT, "REFERENCES customers \\(id\\) NOT VALID"),
                                new Feature(Phase.CONTRACT, "VALIDATE CONSTRAINT"),
                                new Feature(Phase.CONTRACT, "DROP COLUMN IF EXISTS id_old")), 3,
                        "SELECT (SELECT data_type FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'id') = 'bigint'"
                                + " AND (SELECT count(*) FROM pg_constraint WHERE conrelid = 'customers'::regclass AND contype = 'p') = 1"
                                + " AND (SELECT bool_and(convalidated) FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'f')"
                                + " AND (SELECT count(*) FROM customers) = 1501",
                        Map.of(2, "INSERT INTO customers (name) VALUES ('after swap');")),
                new Fixture("change-type", "ALTER TABLE orders ALTER COLUMN total TYPE bigint;",
                        List.of(new Feature(Phase.EXPAND, "ADD COLUMN IF NOT EXISTS total_new bigint"),
                                new Feature(Phase.EXPAND, "TRIGGER"),
                                new Feature(Phase.BACKFILL, "total_new"),
                                new Feature(Phase.EXPAND, "INDEX CONCURRENTLY IF NOT EXISTS \\S+ ON orders \\(total_new\\)"),
                                new Feature(Phase.CONTRACT, "RENAME COLUMN total_new TO total")), 3,
                        "SELECT (SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'total') = 'bigint'"
                                + " AND (SELECT count(*) FROM orders WHERE total IS NULL) = 0 AND (SELECT sum(total) FROM orders) > 0",
                        Map.of()),
                new Fixture("add-not-null-column-volatile-default",
                        "ALTER TABLE orders ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();",
                        List.of(new Feature(Phase.EXPAND, "ADD COLUMN IF NOT EXISTS token uuid;?\\s"),
                                new Feature(Phase.EXPAND, "SET DEFAULT gen_random_uuid\\(\\)"),
                                new Feature(Phase.BACKFILL, "token IS NULL"),
                                new Feature(Phase.EXPAND, "SET NOT NULL")), 1,
                        "SELECT count(*) FILTER (WHERE token IS NULL) = 0 AND count(DISTINCT token) = count(*) FROM orders",
                        Map.of()),
                new Fixture("add-not-null-column-constant-default",
                        "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid'));",
                        List.of(new Feature(Phase.EXPAND, "ADD COLUMN IF NOT EXISTS status text DEFAULT 'open' NOT NULL"),
                                new Feature(Phase.EXPAND, "CHECK \\(+status IN \\('open', 'paid'\\)\\)+ NOT VALID"),
                                new Feature(Phase.EXPAND, "VALIDATE CONSTRAINT orders_status_check")), 1,
                        "SELECT count(*) FILTER (WHERE status = 'open') = 4000"
                                + " AND (SELECT convalidated FROM pg_constraint WHERE conname = 'orders_status_check') FROM orders",
                        Map.of()),
                new Fixture("add-not-null-column-no-default", "ALTER TABLE users ADD COLUMN region text NOT NULL;",
                        List.of(new Feature(Phase.EXPAND, "ADD COLUMN IF NOT EXISTS region text"),
                                new Feature(Phase.VERIFY, "region IS NULL"),
                                new Feature(Phase.EXPAND, "CHECK \\(region IS NOT NULL\\) NOT VALID"),
                                new Feature(Phase.EXPAND, "SET NOT NULL")), 2,
                        "SELECT is_nullable = 'NO' FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'region'",
                        Map.of(1, "UPDATE users SET region = 'eu' WHERE region IS NULL;")),
                new Fixture("set-not-null", "ALTER TABLE users ALTER COLUMN name SET NOT NULL;",
                        List.of(new Feature(Phase.EXPAND, "CHECK \\(name IS NOT NULL\\) NOT VALID"),
                                new Feature(Phase.EXPAND, "VALIDATE CONSTRAINT users_name_not_null"),
                                new Feature(Phase.EXPAND, "SET NOT NULL"),
                                new Feature(Phase.EXPAND, "DROP CONSTRAINT IF EXISTS users_name_not_null")), 2,
                        "SELECT is_nullable = 'NO' AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'users_name_not_null')"
                                + " FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'",
                        Map.of()),
                new Fixture("add-foreign-key",
                        "ALTER TABLE events ADD CONSTRAINT events_id_fkey FOREIGN KEY (id) REFERENCES customers (id) ON DELETE CASCADE;",
                        List.of(new Feature(Phase.EXPAND, "ADD CONSTRAINT events_id_fkey FOREIGN KEY \\(id\\) REFERENCES customers \\(id\\) ON DELETE CASCADE NOT VALID"),
                                new Feature(Phase.EXPAND, "VALIDATE CONSTRAINT events_id_fkey"),
                                new Feature(Phase.EXPAND, "INDEX CONCURRENTLY IF NOT EXISTS \\S+ ON events \\(id\\)")), 1,
                        "SELECT convalidated AND confdeltype = 'c' FROM pg_constraint WHERE conname = 'events_id_fkey'",
                        Map.of()),
                new Fixture("add-check", "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);",
                        List.of(new Feature(Phase.EXPAND, "CHECK \\(total >= 0\\) NOT VALID"),
                                new Feature(Phase.EXPAND, "VALIDATE CONSTRAINT orders_total_positive")), 1,
                        "SELECT convalidated FROM pg_constraint WHERE conname = 'orders_total_positive'", Map.of()),
                new Fixture("add-unique", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
                        List.of(new Feature(Phase.EXPAND, "DROP INDEX CONCURRENTLY IF EXISTS users_email_key"),
                                new Feature(Phase.EXPAND, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users \\(email\\)"),
                                new Feature(Phase.EXPAND, "ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key")), 1,
                        "SELECT contype = 'u' FROM pg_constraint WHERE conname = 'users_email_key'", Map.of()),
                new Fixture("add-primary-key", "ALTER TABLE events ADD PRIMARY KEY (id);",
                        List.of(new Feature(Phase.EXPAND, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS events_pkey ON events \\(id\\)"),
                                new Feature(Phase.EXPAND, "CHECK \\(id IS NOT NULL\\) NOT VALID"),
                                new Feature(Phase.EXPAND, "PRIMARY KEY USING INDEX events_pkey")), 1,
                        "SELECT contype = 'p' FROM pg_constraint WHERE conname = 'events_pkey'", Map.of()),
                new Fixture("create-index", "CREATE INDEX orders_note_idx ON orders (note) WHERE note IS NOT NULL;",
                        List.of(new Feature(Phase.EXPAND, "DROP INDEX CONCURRENTLY IF EXISTS orders_note_idx"),
                                new Feature(Phase.EXPAND, "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_note_idx ON orders \\(note\\) WHERE note IS NOT NULL")), 1,
                        "SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_note_idx'::regclass", Map.of()),
                new Fixture("drop-index", "DROP INDEX orders_total_idx;",
                        List.of(new Feature(Phase.CONTRACT, "DROP INDEX CONCURRENTLY IF EXISTS orders_total_idx")), 1,
                        "SELECT to_regclass('orders_total_idx') IS NULL", Map.of()),
                new Fixture("drop-column", "ALTER TABLE users DROP COLUMN legacy_flag;",
                        List.of(new Feature(Phase.EXPAND, "ALTER COLUMN legacy_flag DROP NOT NULL"),
                                new Feature(Phase.CONTRACT, "DROP COLUMN IF EXISTS legacy_flag")), 2,
                        "SELECT NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy_flag')",
                        Map.of(1, "INSERT INTO users (email) VALUES ('no-flag@example.org'); DELETE FROM users WHERE email = 'no-flag@example.org';")),
                new Fixture("drop-table", "DROP TABLE audit_log;",
                        List.of(new Feature(Phase.CONTRACT, "DROP TABLE IF EXISTS audit_log")), 2,
                        "SELECT to_regclass('audit_log') IS NULL", Map.of()),
                new Fixture("split-table", """
                        CREATE TABLE user_addresses (
                            user_id bigint PRIMARY KEY REFERENCES users (id),
                            street text,
                            city text
                        );
                        INSERT INTO user_addresses (user_id, street, city) SELECT id, street, city FROM users;
                        ALTER TABLE users DROP COLUMN street, DROP COLUMN city;
                        """,
                        List.of(new Feature(Phase.EXPAND, "CREATE TABLE IF NOT EXISTS user_addresses"),
                                new Feature(Phase.EXPAND, "AFTER INSERT OR UPDATE ON users"),
                                new Feature(Phase.BACKFILL, "INSERT INTO user_addresses"),
                                new Feature(Phase.CONTRACT, "DROP COLUMN IF EXISTS street"),
                                new Feature(Phase.CONTRACT, "DROP COLUMN IF EXISTS city")), 3,
                        "SELECT (SELECT count(*) FROM user_addresses) = 2501"
                                + " AND (SELECT city FROM user_addresses WHERE user_id = 7) = 'City 7'"
                                + " AND (SELECT street FROM user_addresses a JOIN users u ON u.id = a.user_id WHERE u.email = 'moved@example.org') = 'Old Road'"
                                + " AND NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name IN ('street', 'city'))",
                        Map.of(1, "INSERT INTO users (email, legacy_flag, street, city) VALUES ('moved@example.org', true, 'Old Road', 'Oldtown');"
                                + " UPDATE users SET city = 'City 7' WHERE id = 7;")),
                new Fixture("batched-update", "UPDATE orders SET total_cents = total * 100;",
                        List.of(new Feature(Phase.BACKFILL, "total_cents IS DISTINCT FROM \\(total \\* 100\\)"),
                                new Feature(Phase.BACKFILL, "ORDER BY id LIMIT"),
                                new Feature(Phase.BACKFILL, "COMMIT"),
                                new Feature(Phase.BACKFILL, "pg_sleep"),
                                new Feature(Phase.VERIFY, "total_cents IS DISTINCT FROM")), 1,
                        "SELECT count(*) FILTER (WHERE total_cents IS DISTINCT FROM total * 100) = 0 FROM orders", Map.of()),
                // documenso's Folder.id serial -> text, as Prisma writes it: the key, the default, the sequence and the
                // foreign keys go only at the switch and after; the running release keeps inserting meanwhile.
                new Fixture("serial-key-to-text", """
                        ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
                        ALTER TABLE orders ALTER COLUMN customer_id SET DATA TYPE TEXT;
                        ALTER TABLE customers DROP CONSTRAINT customers_pkey,
                        ALTER COLUMN id DROP DEFAULT,
                        ALTER COLUMN id SET DATA TYPE TEXT,
                        ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
                        DROP SEQUENCE customers_id_seq;
                        ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)
                            ON DELETE CASCADE ON UPDATE CASCADE;
                        """,
                        List.of(new Feature(Phase.CONTRACT, "(?s)DROP CONSTRAINT IF EXISTS orders_customer_id_fkey.*DROP CONSTRAINT customers_pkey"
                                        + ".*PRIMARY KEY USING INDEX"),
                                new Feature(Phase.EXPAND, "FOREIGN KEY \\(customer_id\\) REFERENCES customers \\(id\\)\\s+ON DELETE CASCADE ON UPDATE CASCADE NOT VALID"),
                                new Feature(Phase.CONTRACT, "DROP SEQUENCE IF EXISTS customers_id_seq")), 3,
                        "SELECT (SELECT data_type FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'id') = 'text'"
                                + " AND (SELECT column_default FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'id') IS NULL"
                                + " AND to_regclass('customers_id_seq') IS NULL"
                                + " AND (SELECT confdeltype FROM pg_constraint WHERE conname = 'orders_customer_id_fkey') = 'c'"
                                + " AND (SELECT contype FROM pg_constraint WHERE conname = 'customers_pkey') = 'p'"
                                + " AND (SELECT count(*) FROM customers) = 1502 AND (SELECT count(*) FROM orders) = 4001",
                        Map.of(1, "INSERT INTO customers (name) VALUES ('inserted by the running release');"
                                        + " INSERT INTO orders (customer_id, total) VALUES (1501, 5);",
                                2, "INSERT INTO customers (id, name) VALUES ('c-new', 'inserted by the new release');")),
                // A default dropped from a column in use: the running release's inserts rely on it until the next release.
                new Fixture("drop-default", "ALTER TABLE customers ALTER COLUMN id DROP DEFAULT;",
                        List.of(new Feature(Phase.CONTRACT, "ALTER COLUMN id DROP DEFAULT")), 2,
                        "SELECT (SELECT column_default FROM information_schema.columns WHERE table_name = 'customers'"
                                + " AND column_name = 'id') IS NULL AND (SELECT count(*) FROM customers) = 1501",
                        Map.of(1, "INSERT INTO customers (name) VALUES ('inserted by the running release');")));
    }
}
