package dev.tideline.analyzer.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.Operation.DmlKind;
import dev.tideline.analyzer.model.Operation.TransactionKind;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.model.Volatility;
import dev.tideline.analyzer.source.SqlStatement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementParserTest {
    private final StatementParser parser = new StatementParser();

    private List<Operation> ops(String sql) {
        return parser.parse(new SqlStatement(Path.of("t.sql"), 0, 1, 1, 1, sql.length(), sql));
    }

    private <T extends Operation> T one(String sql, Class<T> type) {
        List<Operation> ops = ops(sql);
        assertEquals(1, ops.size(), () -> "operations of " + sql + ": " + ops);
        return assertInstanceOf(type, ops.get(0), () -> sql + " → " + ops);
    }

    @Test
    void createTableWithColumnsConstraintsAndNormalisedNames() {
        Operation.CreateTable t = one("""
                CREATE TABLE IF NOT EXISTS Shop."Order" (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  "customerId" INT4 NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
                  name character varying(120) DEFAULT 'x'::character varying,
                  total DECIMAL(10, 2) CHECK (total >= 0),
                  created timestamp(3) with time zone NOT NULL DEFAULT now(),
                  full_name text GENERATED ALWAYS AS (lower(name)) STORED,
                  tags varchar(20)[],
                  CONSTRAINT order_name_uq UNIQUE (name),
                  FOREIGN KEY ("customerId") REFERENCES public.customer (id) NOT VALID
                ) PARTITION BY RANGE (created)""", Operation.CreateTable.class);
        assertEquals(new TableRef("shop", "Order"), t.table());
        assertTrue(t.ifNotExists());
        assertTrue(t.partitioned());
        List<ColumnDef> c = t.columns();
        assertEquals(List.of("id", "customerId", "name", "total", "created", "full_name", "tags"),
                c.stream().map(ColumnDef::name).toList());
        assertEquals(List.of("bigint", "integer", "varchar(120)", "numeric(10,2)", "timestamptz(3)", "text", "varchar(20)[]"),
                c.stream().map(ColumnDef::type).toList());
        assertEquals(ColumnDef.Generated.IDENTITY, c.get(0).generated());
        assertTrue(c.get(0).notNull());
        assertEquals(ConstraintDef.Kind.PRIMARY_KEY, c.get(0).inlineConstraints().get(0).kind());
        assertTrue(c.get(1).notNull());
        ConstraintDef fk = c.get(1).inlineConstraints().get(0);
        assertEquals(TableRef.of("customer"), fk.referencedTable());
        assertEquals(List.of("id"), fk.referencedColumns());
        assertEquals("'x'::character varying", c.get(2).defaultExpr());
        assertEquals(Volatility.IMMUTABLE, c.get(2).defaultVolatility());
        assertEquals("(total >= 0)", c.get(3).inlineConstraints().get(0).expression());
        assertEquals(Volatility.STABLE, c.get(4).defaultVolatility());
        assertEquals(ColumnDef.Generated.STORED, c.get(5).generated());
        assertEquals(Volatility.NONE, c.get(6).defaultVolatility());
        assertEquals(2, t.constraints().size());
        assertEquals("order_name_uq", t.constraints().get(0).name());
        assertEquals(List.of("name"), t.constraints().get(0).columns());
        assertTrue(t.constraints().get(1).notValid());
        assertEquals(new TableRef("public", "customer"), t.constraints().get(1).referencedTable());
    }

    @Test
    void createTableVariants() {
        Operation.CreateTable p = one("CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                Operation.CreateTable.class);
        assertEquals(TableRef.of("m"), p.partitionOf());
        assertEquals(TableRef.of("m_def"), one("CREATE TABLE m_def PARTITION OF m DEFAULT", Operation.CreateTable.class).table());
        assertTrue(one("CREATE TABLE c AS SELECT * FROM a", Operation.CreateTable.class).asSelect());
        Operation.CreateTable temp = one("CREATE TEMP TABLE x (a int) ON COMMIT DROP", Operation.CreateTable.class);
        assertTrue(temp.temporary());
        assertTrue(one("CREATE UNLOGGED TABLE u (a int) WITH (fillfactor = 70)", Operation.CreateTable.class).unlogged());
        assertEquals(1, one("CREATE TABLE l (LIKE x INCLUDING ALL, extra int)", Operation.CreateTable.class).columns().size());
        Operation.CreateTable ex = one("CREATE TABLE r (room int, during tsrange, EXCLUDE USING gist (room WITH =, during WITH &&))",
                Operation.CreateTable.class);
        assertEquals(ConstraintDef.Kind.EXCLUDE, ex.constraints().get(0).kind());
    }

    @Test
    void canonicalTypes() {
        String[][] cases = {
                {"int", "integer"}, {"int4", "integer"}, {"INTEGER", "integer"}, {"int2", "smallint"},
                {"smallint", "smallint"}, {"int8", "bigint"}, {"serial4", "serial"}, {"serial8", "bigserial"},
                {"serial", "serial"}, {"character varying(10)", "varchar(10)"}, {"varchar", "varchar"},
                {"character(3)", "char(3)"}, {"char(2)", "char(2)"}, {"bpchar", "char"}, {"bool", "boolean"},
                {"float8", "double precision"}, {"double precision", "double precision"}, {"float4", "real"},
                {"real", "real"}, {"decimal(5,1)", "numeric(5,1)"}, {"timestamp without time zone", "timestamp"},
                {"timestamp", "timestamp"}, {"timestamp with time zone", "timestamptz"}, {"timestamptz", "timestamptz"},
                {"time with time zone", "timetz"}, {"int[]", "integer[]"}, {"text ARRAY", "text[]"},
                {"pg_catalog.int8", "bigint"}, {"\"MyEnum\"", "MyEnum"}, {"public.citext", "public.citext"},
                {"JSONB", "jsonb"}, {"bit varying(5)", "varbit(5)"}, {"float(10)", "real"}, {"float", "double precision"}};
        for (String[] c : cases) {
            Operation.AddColumn add = one("ALTER TABLE t ADD COLUMN x " + c[0], Operation.AddColumn.class);
            assertEquals(c[1], add.column().type(), c[0]);
        }
    }

    @Test
    void defaultVolatility() {
        Object[][] cases = {
                {"0", Volatility.IMMUTABLE}, {"'a'::text", Volatility.IMMUTABLE}, {"false", Volatility.IMMUTABLE},
                {"NULL", Volatility.IMMUTABLE}, {"'{}'::jsonb", Volatility.IMMUTABLE}, {"-1", Volatility.IMMUTABLE},
                {"now()", Volatility.STABLE}, {"CURRENT_TIMESTAMP", Volatility.STABLE}, {"current_date", Volatility.STABLE},
                {"localtimestamp", Volatility.STABLE}, {"statement_timestamp()", Volatility.STABLE},
                {"CURRENT_TIMESTAMP(3)", Volatility.STABLE}, {"(now() AT TIME ZONE 'utc')", Volatility.STABLE},
                {"random()", Volatility.VOLATILE}, {"clock_timestamp()", Volatility.VOLATILE},
                {"gen_random_uuid()", Volatility.VOLATILE}, {"public.uuid_generate_v4()", Volatility.VOLATILE},
                {"nextval('s'::regclass)", Volatility.VOLATILE}, {"timeofday()", Volatility.VOLATILE},
                {"my_func()", Volatility.VOLATILE}};
        for (Object[] c : cases) {
            Operation.AddColumn add = one("ALTER TABLE t ADD COLUMN x text NOT NULL DEFAULT " + c[0], Operation.AddColumn.class);
            assertEquals(c[1], add.column().defaultVolatility(), (String) c[0]);
            assertEquals(c[0], add.column().defaultExpr());
            assertTrue(add.column().notNull(), (String) c[0]);
        }
        assertEquals(Volatility.NONE, one("ALTER TABLE t ADD x int", Operation.AddColumn.class).column().defaultVolatility());
    }

    @Test
    void alterTableWithSeveralSubCommandsGivesOneOperationEach() {
        List<Operation> ops = ops("""
                ALTER TABLE ONLY public.orders
                  ADD COLUMN IF NOT EXISTS note text,
                  DROP COLUMN IF EXISTS legacy CASCADE,
                  ALTER COLUMN total SET DATA TYPE bigint USING total::bigint,
                  ALTER amount TYPE numeric(12,2),
                  ALTER COLUMN status SET NOT NULL,
                  ALTER COLUMN status DROP NOT NULL,
                  ALTER COLUMN status SET DEFAULT 'new',
                  ALTER COLUMN status DROP DEFAULT,
                  ADD CONSTRAINT orders_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID,
                  VALIDATE CONSTRAINT orders_fk,
                  DROP CONSTRAINT IF EXISTS old_ck,
                  ADD CONSTRAINT orders_pk PRIMARY KEY USING INDEX orders_pk_idx,
                  ADD CONSTRAINT orders_uq UNIQUE USING INDEX orders_uq_idx,
                  ADD CONSTRAINT ck CHECK (total > 0) NOT VALID,
                  ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&),
                  ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY,
                  SET LOGGED,
                  ENABLE ROW LEVEL SECURITY""");
        TableRef orders = new TableRef("public", "orders");
        assertEquals(18, ops.size(), ops::toString);
        assertTrue(ops.stream().allMatch(o -> orders.equals(o.table())), ops::toString);
        assertTrue(((Operation.AddColumn) ops.get(0)).ifNotExists());
        Operation.DropColumn drop = (Operation.DropColumn) ops.get(1);
        assertTrue(drop.ifExists() && drop.cascade());
        assertEquals(new Operation.AlterColumnType(orders, "total", "bigint", "total::bigint"), ops.get(2));
        assertEquals(new Operation.AlterColumnType(orders, "amount", "numeric(12,2)", null), ops.get(3));
        assertEquals(new Operation.SetNotNull(orders, "status"), ops.get(4));
        assertEquals(new Operation.DropNotNull(orders, "status"), ops.get(5));
        assertEquals(new Operation.SetDefault(orders, "status", "'new'", Volatility.IMMUTABLE), ops.get(6));
        assertEquals(new Operation.DropDefault(orders, "status"), ops.get(7));
        ConstraintDef fk = ((Operation.AddConstraint) ops.get(8)).constraint();
        assertEquals(ConstraintDef.Kind.FOREIGN_KEY, fk.kind());
        assertTrue(fk.notValid());
        assertEquals(List.of("customer_id"), fk.columns());
        assertEquals(TableRef.of("customers"), fk.referencedTable());
        assertEquals(new Operation.ValidateConstraint(orders, "orders_fk"), ops.get(9));
        assertEquals(new Operation.DropConstraint(orders, "old_ck", true, false), ops.get(10));
        ConstraintDef pk = ((Operation.AddConstraint) ops.get(11)).constraint();
        assertEquals(ConstraintDef.Kind.PRIMARY_KEY, pk.kind());
        assertEquals("orders_pk_idx", pk.usingIndex());
        assertEquals("orders_uq_idx", ((Operation.AddConstraint) ops.get(12)).constraint().usingIndex());
        ConstraintDef ck = ((Operation.AddConstraint) ops.get(13)).constraint();
        assertTrue(ck.notValid());
        assertEquals("(total > 0)", ck.expression());
        assertEquals(ConstraintDef.Kind.EXCLUDE, ((Operation.AddConstraint) ops.get(14)).constraint().kind());
        assertEquals(new Operation.AlterTableStorage(orders, "ADD IDENTITY", "id"), ops.get(15));
        assertEquals(new Operation.AlterTableStorage(orders, "SET LOGGED", null), ops.get(16));
        assertEquals(new Operation.AlterTableStorage(orders, "ENABLE ROW LEVEL SECURITY", null), ops.get(17));
    }

    @Test
    void renamesPartitionsAndIdentity() {
        assertEquals(new Operation.RenameColumn(TableRef.of("t"), "a", "b"), one("ALTER TABLE t RENAME COLUMN a TO b", Operation.RenameColumn.class));
        assertEquals(new Operation.RenameColumn(TableRef.of("t"), "a", "b"), one("ALTER TABLE t RENAME a TO b", Operation.RenameColumn.class));
        assertEquals(new Operation.RenameTable(TableRef.of("t"), "u"), one("ALTER TABLE IF EXISTS t RENAME TO u", Operation.RenameTable.class));
        assertEquals(new Operation.RenameConstraint(TableRef.of("t"), "a", "b"), one("ALTER TABLE t RENAME CONSTRAINT a TO b", Operation.RenameConstraint.class));
        assertEquals(new Operation.RenameIndex(TableRef.of("i"), "j"), one("ALTER INDEX i RENAME TO j", Operation.RenameIndex.class));
        assertEquals(new Operation.AttachPartition(TableRef.of("m"), TableRef.of("m1")),
                one("ALTER TABLE m ATTACH PARTITION m1 FOR VALUES FROM (1) TO (10)", Operation.AttachPartition.class));
        assertEquals(new Operation.DetachPartition(TableRef.of("m"), TableRef.of("m1"), true, false),
                one("ALTER TABLE m DETACH PARTITION m1 CONCURRENTLY", Operation.DetachPartition.class));
        assertEquals(new Operation.DetachPartition(TableRef.of("m"), TableRef.of("m1"), false, true),
                one("ALTER TABLE m DETACH PARTITION m1 FINALIZE", Operation.DetachPartition.class));
        assertEquals(new Operation.DetachPartition(TableRef.of("m"), TableRef.of("m1"), false, false),
                one("ALTER TABLE m DETACH PARTITION m1", Operation.DetachPartition.class));
        Operation.AddColumn identity = one("ALTER TABLE t ADD COLUMN id int GENERATED BY DEFAULT AS IDENTITY (START WITH 10)",
                Operation.AddColumn.class);
        assertEquals(ColumnDef.Generated.IDENTITY, identity.column().generated());
        assertEquals(new Operation.SetSchema("TABLE", TableRef.of("t"), "archive"),
                one("ALTER TABLE t SET SCHEMA archive", Operation.SetSchema.class));
        assertEquals(new Operation.AlterTableStorage(TableRef.of("t"), "OWNER TO", "app_owner"),
                one("ALTER TABLE t OWNER TO App_Owner", Operation.AlterTableStorage.class));
    }

    @Test
    void destructiveAndMovingStatementsOfOtherObjects() {
        assertEquals(new Operation.DropOwned(List.of("legacy", "Old Role"), true),
                one("DROP OWNED BY legacy, \"Old Role\" CASCADE", Operation.DropOwned.class));
        assertEquals(new Operation.DropOwned(List.of("current_user"), false), one("DROP OWNED BY CURRENT_USER", Operation.DropOwned.class));
        assertEquals(new Operation.ObjectChange("REASSIGN", "OWNED BY", "legacy,old", null),
                one("REASSIGN OWNED BY legacy, old TO app", Operation.ObjectChange.class));
        assertTrue(one("DROP TYPE IF EXISTS mood, colour CASCADE", Operation.ObjectChange.class).cascade());
        assertTrue(one("DROP FUNCTION touch(int, text) CASCADE", Operation.ObjectChange.class).cascade());
        assertTrue(one("DROP EXTENSION citext CASCADE", Operation.ObjectChange.class).cascade());
        assertEquals(new Operation.ObjectChange("DROP", "EXTENSION", "citext", null, false),
                one("DROP EXTENSION citext RESTRICT", Operation.ObjectChange.class));
        assertEquals(new Operation.SetSchema("TYPE", TableRef.of("mood"), "archive"), one("ALTER TYPE mood SET SCHEMA archive", Operation.SetSchema.class));
        assertEquals(new Operation.SetSchema("FUNCTION", new TableRef("s", "f"), "t"),
                one("ALTER FUNCTION IF EXISTS s.f(int) SET SCHEMA t", Operation.SetSchema.class));
        Operation.SetSchema view = one("ALTER MATERIALIZED VIEW totals SET SCHEMA archive", Operation.SetSchema.class);
        assertEquals(TableRef.of("totals"), view.table());
        assertEquals(null, one("ALTER EXTENSION postgis SET SCHEMA gis", Operation.SetSchema.class).table());
        assertEquals(new Operation.RenameTable(TableRef.of("open_orders"), "pending_orders"),
                one("ALTER VIEW open_orders RENAME TO pending_orders", Operation.RenameTable.class));
        assertInstanceOf(Operation.ObjectChange.class, ops("ALTER VIEW v ALTER COLUMN c SET DEFAULT 1").get(0));
    }

    @Test
    void indexes() {
        Operation.CreateIndex i = one("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Idx\" ON ONLY public.t USING btree "
                + "(lower(email), \"Name\" DESC NULLS LAST, id) INCLUDE (x) WHERE deleted_at IS NULL", Operation.CreateIndex.class);
        assertEquals("Idx", i.name());
        assertEquals(new TableRef("public", "t"), i.table());
        assertEquals(List.of("lower(email)", "Name", "id"), i.columns());
        assertTrue(i.unique() && i.concurrently() && i.ifNotExists() && i.only());
        assertEquals("btree", i.method());
        assertEquals("deleted_at IS NULL", i.where());
        Operation.CreateIndex plain = one("CREATE INDEX ON t (a)", Operation.CreateIndex.class);
        assertNull(plain.name());
        assertFalse(plain.concurrently() || plain.unique() || plain.only());
        Operation.DropIndex d = one("DROP INDEX CONCURRENTLY IF EXISTS a.i1, i2 CASCADE", Operation.DropIndex.class);
        assertEquals(List.of(new TableRef("a", "i1"), TableRef.of("i2")), d.indexes());
        assertTrue(d.concurrently() && d.ifExists() && d.cascade());
        assertEquals(new Operation.Reindex("INDEX", TableRef.of("i"), true), one("REINDEX INDEX CONCURRENTLY i", Operation.Reindex.class));
        assertEquals(new Operation.Reindex("TABLE", TableRef.of("t"), false), one("REINDEX (VERBOSE) TABLE t", Operation.Reindex.class));
    }

    @Test
    void dropTruncateLock() {
        Operation.DropTable d = one("DROP TABLE IF EXISTS a, s.b CASCADE", Operation.DropTable.class);
        assertEquals(List.of(TableRef.of("a"), new TableRef("s", "b")), d.tables());
        assertTrue(d.ifExists() && d.cascade());
        Operation.Truncate t = one("TRUNCATE TABLE ONLY a, b RESTART IDENTITY CASCADE", Operation.Truncate.class);
        assertEquals(2, t.tables().size());
        assertTrue(t.cascade());
        assertEquals(new Operation.LockTable(List.of(TableRef.of("a")), LockMode.SHARE_ROW_EXCLUSIVE, true),
                one("LOCK TABLE a IN SHARE ROW EXCLUSIVE MODE NOWAIT", Operation.LockTable.class));
        assertEquals(LockMode.ACCESS_EXCLUSIVE, one("LOCK a, b", Operation.LockTable.class).mode());
        assertEquals(new Operation.DropTrigger("trg", TableRef.of("t"), true), one("DROP TRIGGER IF EXISTS trg ON t", Operation.DropTrigger.class));
        assertEquals(new Operation.DropSchema(List.of("a", "b"), true, true), one("DROP SCHEMA IF EXISTS a, b CASCADE", Operation.DropSchema.class));
        assertEquals(new Operation.DropDatabase("db", false), one("DROP DATABASE db", Operation.DropDatabase.class));
    }

    @Test
    void transactionsAndSettings() {
        Object[][] cases = {{"BEGIN", TransactionKind.BEGIN}, {"BEGIN ISOLATION LEVEL SERIALIZABLE", TransactionKind.BEGIN},
                {"START TRANSACTION", TransactionKind.BEGIN}, {"COMMIT", TransactionKind.COMMIT}, {"END", TransactionKind.COMMIT},
                {"ROLLBACK", TransactionKind.ROLLBACK}, {"ABORT", TransactionKind.ROLLBACK}, {"SAVEPOINT s", TransactionKind.SAVEPOINT},
                {"RELEASE SAVEPOINT s", TransactionKind.RELEASE}, {"ROLLBACK TO SAVEPOINT s", TransactionKind.ROLLBACK_TO},
                {"PREPARE TRANSACTION 'x'", TransactionKind.PREPARE}};
        for (Object[] c : cases) assertEquals(c[1], one((String) c[0], Operation.Transaction.class).kind(), (String) c[0]);
        assertEquals(new Operation.SetSetting("lock_timeout", "5s", true), one("SET LOCAL lock_timeout = '5s'", Operation.SetSetting.class));
        assertEquals(new Operation.SetSetting("statement_timeout", "0", false), one("SET statement_timeout TO 0", Operation.SetSetting.class));
        assertEquals(new Operation.SetSetting("search_path", "public, extensions", false),
                one("SET search_path = public, extensions", Operation.SetSetting.class));
        assertEquals(new Operation.SetSetting("lock_timeout", null, false), one("RESET lock_timeout", Operation.SetSetting.class));
        assertEquals(new Operation.SetSetting("lock_timeout", "1s", true),
                one("SELECT set_config('lock_timeout', '1s', true)", Operation.SetSetting.class));
        assertEquals(new Operation.SetSetting("timezone", "UTC", false), one("SET TIME ZONE 'UTC'", Operation.SetSetting.class));
        // a missing argument is a syntax error, not a RESET
        assertFalse(ops("SELECT set_config('lock_timeout', , true)").get(0) instanceof Operation.SetSetting);
    }

    @Test
    void dataStatements() {
        assertEquals(new Operation.Dml(DmlKind.UPDATE, TableRef.of("t"), false, List.of("a")), one("UPDATE t SET a = (SELECT 1 WHERE true)", Operation.Dml.class));
        assertEquals(new Operation.Dml(DmlKind.UPDATE, TableRef.of("t"), true, List.of("a")), one("UPDATE ONLY t AS x SET a = 1 WHERE id < 10", Operation.Dml.class));
        assertEquals(new Operation.Dml(DmlKind.DELETE, TableRef.of("t"), false), one("DELETE FROM t", Operation.Dml.class));
        assertEquals(new Operation.Dml(DmlKind.DELETE, TableRef.of("t"), true), one("WITH x AS (SELECT 1) DELETE FROM t WHERE id IN (SELECT * FROM x)", Operation.Dml.class));
        assertEquals(new Operation.Dml(DmlKind.INSERT, new TableRef("s", "t"), false), one("INSERT INTO s.t (a) VALUES (1) ON CONFLICT DO NOTHING", Operation.Dml.class));
        assertEquals(DmlKind.SELECT, one("SELECT pg_advisory_lock(1)", Operation.Dml.class).kind());
        assertEquals(new Operation.Dml(DmlKind.COPY, TableRef.of("t"), false), one("COPY t (a, b) FROM stdin", Operation.Dml.class));
        assertEquals(new Operation.Dml(DmlKind.MERGE, TableRef.of("t"), false), one("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", Operation.Dml.class));
    }

    /** The lock model needs the columns an UPDATE assigns: only a changed foreign key reaches the referenced table. */
    @Test
    void updateAssignedColumns() {
        assertEquals(List.of("a", "b", "C", "d", "e"), one("UPDATE s.t x SET a = f(1, 2), (b, \"C\") = (SELECT 1, 2), d.f = 3,"
                + " e[1] = CASE WHEN true THEN 1 END FROM u, v WHERE t.k = u.k RETURNING a, z", Operation.Dml.class).setColumns());
        assertEquals(List.of("C"), one("UPDATE t SET \"C\" = 1", Operation.Dml.class).setColumns());
        assertEquals(List.of("a"), one("UPDATE t * SET a = substring(b from 2)", Operation.Dml.class).setColumns());
        assertEquals(null, one("DELETE FROM t", Operation.Dml.class).setColumns());
    }

    @Test
    void maintenanceStatements() {
        assertEquals(new Operation.Vacuum(List.of(TableRef.of("t")), true, false), one("VACUUM FULL t", Operation.Vacuum.class));
        assertEquals(new Operation.Vacuum(List.of(TableRef.of("t")), true, false), one("VACUUM (FULL, ANALYZE) t", Operation.Vacuum.class));
        assertEquals(new Operation.Vacuum(List.of(), false, false), one("VACUUM", Operation.Vacuum.class));
        assertEquals(new Operation.Vacuum(List.of(TableRef.of("a"), TableRef.of("b")), false, true), one("ANALYZE a, b (c)", Operation.Vacuum.class));
        assertEquals(new Operation.Cluster(TableRef.of("t"), "i"), one("CLUSTER t USING i", Operation.Cluster.class));
        assertEquals(new Operation.Cluster(null, null), one("CLUSTER", Operation.Cluster.class));
        assertEquals(new Operation.RefreshMaterializedView(TableRef.of("mv"), true, false),
                one("REFRESH MATERIALIZED VIEW CONCURRENTLY mv", Operation.RefreshMaterializedView.class));
    }

    @Test
    void typesDomainsExtensionsTriggers() {
        assertEquals(new Operation.CreateEnum(TableRef.of("Mood"), List.of("sad", "it's ok")),
                one("CREATE TYPE \"Mood\" AS ENUM ('sad', 'it''s ok')", Operation.CreateEnum.class));
        assertEquals(new Operation.AlterEnumAddValue(TableRef.of("mood"), "happy", true),
                one("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy' AFTER 'sad'", Operation.AlterEnumAddValue.class));
        assertEquals(new Operation.CreateExtension("pgcrypto", true), one("CREATE EXTENSION IF NOT EXISTS \"pgcrypto\" WITH SCHEMA extensions", Operation.CreateExtension.class));
        Operation.CreateDomain domain = one("CREATE DOMAIN email AS citext CHECK (VALUE ~ '@')", Operation.CreateDomain.class);
        assertEquals("citext", domain.baseType());
        assertTrue(domain.hasCheck());
        assertEquals(new Operation.AlterDomainAddConstraint(TableRef.of("email"), "c", true),
                one("ALTER DOMAIN email ADD CONSTRAINT c CHECK (VALUE IS NOT NULL) NOT VALID", Operation.AlterDomainAddConstraint.class));
        assertEquals(new Operation.CreateTrigger("trg", TableRef.of("t"), true),
                one("CREATE OR REPLACE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()", Operation.CreateTrigger.class));
    }

    @Test
    void objectChanges() {
        Object[][] cases = {
                {"CREATE OR REPLACE VIEW v AS SELECT 1", "CREATE OR REPLACE", "VIEW"},
                {"CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1 WITH NO DATA", "CREATE", "MATERIALIZED VIEW"},
                {"CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN DROP TABLE x; END $$ LANGUAGE plpgsql", "CREATE", "FUNCTION"},
                {"CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS 'select 1'", "CREATE OR REPLACE", "PROCEDURE"},
                {"CREATE SEQUENCE IF NOT EXISTS s START 1", "CREATE", "SEQUENCE"},
                {"ALTER SEQUENCE s OWNED BY t.id", "ALTER", "SEQUENCE"},
                {"DROP SEQUENCE s", "DROP", "SEQUENCE"},
                {"CREATE SCHEMA IF NOT EXISTS auth AUTHORIZATION x", "CREATE", "SCHEMA"},
                {"CREATE ROLE app LOGIN", "CREATE", "ROLE"},
                {"CREATE POLICY p ON t FOR SELECT USING (true)", "CREATE", "POLICY"},
                {"DROP POLICY IF EXISTS p ON t", "DROP", "POLICY"},
                {"COMMENT ON COLUMN s.t.c IS 'x'", "COMMENT", "COLUMN"},
                {"GRANT SELECT ON TABLE t TO app", "GRANT", "PRIVILEGES"},
                {"REVOKE ALL ON SCHEMA s FROM public", "REVOKE", "PRIVILEGES"},
                {"ALTER TABLE t OWNER TO app", null, null},
                {"ALTER FUNCTION f() OWNER TO app", "ALTER", "FUNCTION"},
                {"DROP TYPE IF EXISTS mood", "DROP", "TYPE"},
                {"DROP FUNCTION IF EXISTS f(int)", "DROP", "FUNCTION"},
                {"DROP VIEW v", "DROP", "VIEW"},
                {"ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO app", "ALTER", "DEFAULT PRIVILEGES"}};
        for (Object[] c : cases) {
            Operation op = ops((String) c[0]).get(0);
            if (c[1] == null) {
                assertInstanceOf(Operation.AlterTableStorage.class, op, (String) c[0]);
                continue;
            }
            Operation.ObjectChange oc = assertInstanceOf(Operation.ObjectChange.class, op, (String) c[0]);
            assertEquals(c[1], oc.verb(), (String) c[0]);
            assertEquals(c[2], oc.objectType(), (String) c[0]);
        }
        assertEquals(new TableRef("s", "t"), ((Operation.ObjectChange) ops("COMMENT ON COLUMN s.t.c IS 'x'").get(0)).table());
        assertEquals(TableRef.of("t"), ((Operation.ObjectChange) ops("GRANT SELECT ON t TO app").get(0)).table());
        assertEquals(TableRef.of("t"), ((Operation.ObjectChange) ops("CREATE POLICY p ON t USING (true)").get(0)).table());
    }

    @Test
    void doBlockStaticSqlIsParsedAndLocatedInTheFile() {
        String sql = "DO $$\nDECLARE\n  n int;\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'i') THEN\n"
                + "    CREATE INDEX i ON t (a);\n  END IF;\n  RAISE NOTICE 'x';\n  n := 1;\n  EXECUTE 'DROP TABLE y';\n"
                + "  FOR r IN SELECT * FROM t LOOP\n    UPDATE t SET a = 1 WHERE id = r.id;\n  END LOOP;\n"
                + "EXCEPTION WHEN duplicate_object THEN\n  ALTER TABLE t ADD COLUMN b int;\nEND $$";
        List<Operation> ops = parser.parse(new SqlStatement(Path.of("t.sql"), 0, 10, 3, 25, 6, sql));
        Operation.DoBlock block = assertInstanceOf(Operation.DoBlock.class, ops.get(0));
        assertEquals("plpgsql", block.language());
        assertEquals(4, block.body().size(), block.body()::toString);
        assertEquals(15, block.body().get(0).line());
        assertEquals(5, block.body().get(0).column());
        assertEquals("CREATE INDEX i ON t (a)", block.body().get(0).text());
        assertInstanceOf(Operation.CreateIndex.class, block.body().get(0).operations().get(0));
        // EXECUTE of a literal runs the literal's SQL: analysed, located inside the quotes
        assertEquals(new Operation.DropTable(List.of(TableRef.of("y")), false, false), block.body().get(1).operations().get(0));
        assertEquals(19, block.body().get(1).line());
        assertEquals(12, block.body().get(1).column());
        assertEquals(new Operation.Dml(DmlKind.UPDATE, TableRef.of("t"), true, List.of("a")), block.body().get(2).operations().get(0));
        assertEquals(24, block.body().get(3).line());
        assertEquals(3, block.body().get(3).column());
        assertInstanceOf(Operation.AddColumn.class, block.body().get(3).operations().get(0));
        Operation.DoBlock lang = one("DO LANGUAGE 'plpgsql' $body$ BEGIN CREATE EXTENSION btree_gin; END $body$", Operation.DoBlock.class);
        assertInstanceOf(Operation.CreateExtension.class, lang.body().get(0).operations().get(0));
        assertEquals(1, lang.body().get(0).line());
        assertEquals(36, lang.body().get(0).column());
    }

    @Test
    void doBlocksAreParsedAtEveryDepth() {
        String sql = "DO $outer$\nBEGIN\n  BEGIN\n    IF true THEN\n      LOOP\n        DO $inner$ BEGIN\n"
                + "          ALTER TABLE t DROP COLUMN a;\n        EXCEPTION WHEN others THEN\n          DROP TABLE u;\n"
                + "        END $inner$;\n        EXIT;\n      END LOOP;\n    END IF;\n  EXCEPTION WHEN others THEN\n"
                + "    EXECUTE $q$DO $x$ BEGIN TRUNCATE v; END $x$$q$;\n  END;\nEND $outer$";
        Operation.DoBlock outer = one(sql, Operation.DoBlock.class);
        List<dev.tideline.analyzer.model.NestedStatement> all = outer.allStatements();
        assertEquals(List.of("DoBlock", "DropColumn", "DropTable", "DoBlock", "Truncate"),
                all.stream().map(n -> n.operations().get(0).getClass().getSimpleName()).toList(), all::toString);
        assertEquals(7, all.get(1).line());
        assertEquals(11, all.get(1).column());
        assertEquals(9, all.get(2).line());
        assertEquals(15, all.get(4).line());
        assertEquals(new Operation.Truncate(List.of(TableRef.of("v")), false), all.get(4).operations().get(0));
    }

    @Test
    void dynamicSqlInADoBlockIsAStatementNotAnalysedNeverASkippedOne() {
        String sql = """
                DO $$
                DECLARE r record;
                BEGIN
                  EXECUTE format('ALTER TABLE %I DROP COLUMN a', 't');
                  EXECUTE 'DROP TABLE ' || quote_ident('u') INTO r;
                  EXECUTE E'DROP TABLE \\x';
                  FOR r IN EXECUTE 'SELECT 1' LOOP NULL; END LOOP;
                  PERFORM set_config('lock_timeout', '2s', false);
                  EXECUTE 'ALTER TABLE t ADD COLUMN b int' USING 1;
                  RAISE NOTICE 'done';
                END $$""";
        List<dev.tideline.analyzer.model.NestedStatement> body = one(sql, Operation.DoBlock.class).body();
        assertEquals(List.of("Unrecognized", "Unrecognized", "Unrecognized", "Unrecognized", "SetSetting", "AddColumn"),
                body.stream().map(n -> n.operations().get(0).getClass().getSimpleName()).toList(), body::toString);
        Operation.Unrecognized dynamic = (Operation.Unrecognized) body.get(0).operations().get(0);
        assertTrue(dynamic.reason().startsWith("dynamic SQL"), dynamic.reason());
        assertEquals("EXECUTE format('ALTER TABLE %I DROP COLUMN a', 't')", body.get(0).text());
        assertEquals(4, body.get(0).line());
        assertTrue(body.get(3).text().startsWith("FOR r IN EXECUTE"), body.get(3).text());
        assertEquals(new Operation.SetSetting("lock_timeout", "2s", false), body.get(4).operations().get(0));
    }

    @Test
    void doBlocksNestedTooDeeplyAreNotUnderstood() {
        String sql = "SELECT 1";
        for (int depth = 0; depth <= 16; depth++) sql = "DO $d" + depth + "$ BEGIN " + sql + "; END $d" + depth + "$";
        List<Operation> ops = ops(sql);
        Operation.DoBlock block = assertInstanceOf(Operation.DoBlock.class, ops.get(0));
        List<dev.tideline.analyzer.model.NestedStatement> all = block.allStatements();
        Operation deepest = all.get(all.size() - 1).operations().get(0);
        assertTrue(deepest instanceof Operation.Unrecognized u && u.reason().contains("nested deeper"), deepest::toString);
    }

    @Test
    void statementsJsqlParser5FailsOnAreUnderstood() {
        assertInstanceOf(Operation.AddConstraint.class, ops("ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES u (id) NOT VALID").get(0));
        assertInstanceOf(Operation.AddConstraint.class, ops("ALTER TABLE t ADD CONSTRAINT c UNIQUE USING INDEX i").get(0));
        assertInstanceOf(Operation.Transaction.class, ops("BEGIN").get(0));
        assertInstanceOf(Operation.Transaction.class, ops("START TRANSACTION").get(0));
        assertInstanceOf(Operation.SetSetting.class, ops("SET LOCAL statement_timeout = '1min'").get(0));
        assertInstanceOf(Operation.LockTable.class, ops("LOCK TABLE t IN ACCESS EXCLUSIVE MODE").get(0));
        assertInstanceOf(Operation.DoBlock.class, ops("DO $$ BEGIN END $$").get(0));
        assertInstanceOf(Operation.Vacuum.class, ops("VACUUM ANALYZE t").get(0));
        assertInstanceOf(Operation.Cluster.class, ops("CLUSTER t USING i").get(0));
        assertInstanceOf(Operation.Reindex.class, ops("REINDEX TABLE CONCURRENTLY t").get(0));
        assertInstanceOf(Operation.DropIndex.class, ops("DROP INDEX CONCURRENTLY IF EXISTS i").get(0));
        assertInstanceOf(Operation.AlterColumnType.class, ops("ALTER TABLE t ALTER COLUMN c SET DATA TYPE text").get(0));
        assertInstanceOf(Operation.AddConstraint.class, ops("ALTER TABLE t ADD EXCLUDE USING gist (c WITH &&)").get(0));
        assertInstanceOf(Operation.CreateEnum.class, ops("CREATE TYPE e AS ENUM ('a')").get(0));
        assertInstanceOf(Operation.AlterEnumAddValue.class, ops("ALTER TYPE e ADD VALUE 'b'").get(0));
        assertTrue(one("CREATE TABLE p (a int) PARTITION BY LIST (a)", Operation.CreateTable.class).partitioned());
        assertInstanceOf(Operation.AttachPartition.class, ops("ALTER TABLE p ATTACH PARTITION p1 DEFAULT").get(0));
        assertInstanceOf(Operation.DetachPartition.class, ops("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY").get(0));
        assertInstanceOf(Operation.CreateExtension.class, ops("CREATE EXTENSION IF NOT EXISTS pg_trgm").get(0));
        assertEquals(ColumnDef.Generated.IDENTITY, one("CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY)",
                Operation.CreateTable.class).columns().get(0).generated());
        assertEquals(2, one("DROP TABLE a, b", Operation.DropTable.class).tables().size());
        assertEquals(0, parser.fallbackAttempts(), "the recognizer handles all of these without JSqlParser");
    }

    @Test
    void unknownAndBrokenStatementsAreUnrecognizedWithAReason() {
        long before = parser.fallbackAttempts();
        Operation.Unrecognized u = one("FROBNICATE the database", Operation.Unrecognized.class);
        assertTrue(u.reason().contains("FROBNICATE"), u.reason());
        assertInstanceOf(Operation.Unrecognized.class, ops("DROP INDEX IF NOT EXISTS i").get(0));
        assertInstanceOf(Operation.Unrecognized.class, ops("ALTER TABLE t ADD").get(0));
        assertInstanceOf(Operation.Unrecognized.class, ops("ALTER TABLE t FROB x").get(0));
        assertInstanceOf(Operation.Unrecognized.class, ops("ALTER TABLE t ADD COLUMN id int AUTOINCREMENT").get(0));
        assertInstanceOf(Operation.Unrecognized.class, ops("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)").get(0));
        assertInstanceOf(Operation.Unrecognized.class, ops("").get(0));
        assertEquals(before, parser.fallbackAttempts(), "JSqlParser is only asked about what it could turn into DML");
        Operation.Unrecognized dml = one("INSERT INTO", Operation.Unrecognized.class);
        assertTrue(dml.reason().contains("JSqlParser"), dml.reason());
        assertEquals(before + 1, parser.fallbackAttempts());
    }

    @Test
    void anEmptyColumnListElementIsASyntaxErrorNotARecognizerFailure() {
        // found by the parser fuzz target (ParserFuzzTestInputs/parser/empty_name_list_element.bin)
        for (String sql : List.of("ALTER TABLE orders ADD CONSTRAINT c FOREIGN KEY (a, , b) REFERENCES p (id)",
                "ALTER TABLE orders ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES p (,)",
                "ALTER TABLE orders ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES p (")) {
            Operation.Unrecognized u = one(sql, Operation.Unrecognized.class);
            assertFalse(u.reason().startsWith("recognizer failed"), u.reason());
        }
    }

    @Test
    void anEmptyIndexElementIsASyntaxErrorNotARecognizerFailure() {
        // found by the parser fuzz target after 863,957 runs (ParserFuzzTestInputs/parser/empty_index_element.bin)
        for (String sql : List.of("CREATE INDEX i ON orders (a, , b)", "CREATE INDEX i ON orders (,)",
                "CREATE UNIQUE INDEX CONCURRENTLY i ON orders USING btree (lo&we, x,,,8)", "CREATE INDEX i ON orders ((a),,)")) {
            Operation.Unrecognized u = one(sql, Operation.Unrecognized.class);
            assertFalse(u.reason().startsWith("recognizer failed"), u.reason());
            assertTrue(u.reason().contains("empty index element"), u.reason());
        }
    }

    @Test
    void aPartialIndexWithoutItsPredicateIsNotAFullIndex() {
        assertTrue(one("CREATE INDEX x ON orders (a) WHERE", Operation.Unrecognized.class).reason().contains("missing expression after WHERE"));
    }

    @Test
    void pathologicalNestingIsUnrecognizedWithoutHangingOrOverflowing() {
        String deep = "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000);
        assertEquals(DmlKind.SELECT, one(deep, Operation.Dml.class).kind());
        String deepUnknown = "INSERT " + "(".repeat(10_000) + "1" + ")".repeat(10_000);
        Operation.Unrecognized u = one(deepUnknown, Operation.Unrecognized.class);
        assertTrue(u.reason().contains("nested deeper"), u.reason());
        String deepDefault = "ALTER TABLE t ADD COLUMN c int DEFAULT " + "(".repeat(10_000) + "1" + ")".repeat(10_000);
        assertEquals(Volatility.IMMUTABLE, one(deepDefault, Operation.AddColumn.class).column().defaultVolatility());
    }

    @Test
    void createRuleLocksTheTableAfterTo() {
        Operation.ObjectChange rule = one("CREATE OR REPLACE RULE keep AS ON DELETE TO orders DO INSTEAD NOTHING", Operation.ObjectChange.class);
        assertEquals(TableRef.of("orders"), rule.table());
        assertEquals(TableRef.of("orders"), one("DROP RULE keep ON orders", Operation.ObjectChange.class).table());
    }

    @Test
    void createStatisticsNamesItsTable() {
        assertEquals(new TableRef("app", "orders"),
                one("CREATE STATISTICS s ON a, b FROM app.orders", Operation.ObjectChange.class).table());
    }

    @Test
    void inheritKeepsTheParentAndDefaultPartitionIsMarked() {
        assertEquals("app.base", one("ALTER TABLE t INHERIT app.base", Operation.AlterTableStorage.class).column());
        assertEquals("base", one("ALTER TABLE t NO INHERIT base", Operation.AlterTableStorage.class).column());
        assertTrue(one("CREATE TABLE p_other PARTITION OF p DEFAULT", Operation.CreateTable.class).defaultPartition());
        assertFalse(one("CREATE TABLE p_1 PARTITION OF p FOR VALUES IN (1)", Operation.CreateTable.class).defaultPartition());
    }
}
