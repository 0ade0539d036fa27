package dev.tideline.report;

import static dev.tideline.analyzer.model.LockMode.ACCESS_EXCLUSIVE;
import static dev.tideline.analyzer.model.LockMode.ROW_EXCLUSIVE;
import static dev.tideline.analyzer.model.LockMode.SHARE;
import static dev.tideline.analyzer.model.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.tideline.report.Fixture.explicitTx;
import static dev.tideline.report.Fixture.lock;
import static dev.tideline.report.Fixture.newTable;
import static dev.tideline.report.Fixture.op;
import static dev.tideline.report.Fixture.referenced;
import static dev.tideline.report.Fixture.runnerTx;

import dev.tideline.analyzer.model.IndexElement;
import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.Category;
import dev.tideline.rules.Severity;
import java.util.List;

/** A small Flyway history with the dangerous patterns a reviewer meets most. */
final class ShopFixture {
    private ShopFixture() {}

    static Fixture shop() {
        Fixture fx = new Fixture();
        fx.replayed("shop/V1__create_orders.sql", Runner.FLYWAY)
                .statement("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint)", runnerTx(0),
                        newTable(new Operation.CreateTable(TableRef.of("orders"), List.of(), List.of(), false, false, false, false, null, false)))
                .done();
        fx.file("shop/V4__index_orders_by_customer.sql", Runner.FLYWAY)
                .statement("SET lock_timeout = '5s'", runnerTx(0))
                .statement("CREATE INDEX orders_customer_id_idx\n    ON orders (customer_id)", runnerTx(0),
                        op(new Operation.CreateIndex("orders_customer_id_idx", TableRef.of("orders"), List.of(IndexElement.of("customer_id")),
                                false, false, false, null, null, false, ""), false, true, lock("orders", SHARE)))
                .finding("create-index-non-concurrent", Severity.ERROR, Category.LOCKING, 0, 1,
                        "CREATE INDEX without CONCURRENTLY holds SHARE on orders: writes wait until the index is built",
                        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);")
                .done();
        fx.file("shop/V11__refunds_and_rename.sql", Runner.FLYWAY)
                .statement("CREATE TABLE refunds (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                                + "    order_id bigint NOT NULL REFERENCES orders (id)\n)", runnerTx(0),
                        newTable(new Operation.CreateTable(TableRef.of("refunds"), List.of(), List.of(), false, false, false, false, null, false),
                                lock("refunds", ACCESS_EXCLUSIVE), referenced("orders", SHARE_ROW_EXCLUSIVE)))
                .statement("ALTER TABLE payments ADD COLUMN refund_id bigint", runnerTx(0),
                        op(new Operation.AddColumn(TableRef.of("payments"), new ColumnDef("refund_id", "bigint", false, null, null,
                                ColumnDef.Generated.NONE, List.of()), false), false, false, lock("payments", ACCESS_EXCLUSIVE)))
                .finding("lock-timeout-missing", Severity.WARNING, Category.LOCKING, 0, 1,
                        "ACCESS EXCLUSIVE on payments with no lock_timeout: the ALTER queues behind long queries and every query queues behind it",
                        "SET lock_timeout = '5s';")
                .statement("ALTER TABLE payments ADD CONSTRAINT payments_refund_id_fkey\n    FOREIGN KEY (refund_id) REFERENCES refunds (id)",
                        runnerTx(0), op(new Operation.AddConstraint(TableRef.of("payments"), new ConstraintDef("payments_refund_id_fkey",
                                ConstraintDef.Kind.FOREIGN_KEY, List.of("refund_id"), TableRef.of("refunds"), List.of("id"), null, false, null, "")), false, true,
                                lock("payments", SHARE_ROW_EXCLUSIVE), referenced("refunds", SHARE_ROW_EXCLUSIVE)))
                .finding("add-foreign-key-validating", Severity.ERROR, Category.LOCKING, 1, 5,
                        "FOREIGN KEY without NOT VALID scans payments under SHARE ROW EXCLUSIVE (writes blocked)",
                        "ALTER TABLE payments ADD CONSTRAINT payments_refund_id_fkey FOREIGN KEY (refund_id) REFERENCES refunds (id) NOT VALID;\n"
                                + "ALTER TABLE payments VALIDATE CONSTRAINT payments_refund_id_fkey;")
                .statement("ALTER TABLE customers RENAME COLUMN full_name TO display_name", runnerTx(0),
                        op(new Operation.RenameColumn(TableRef.of("customers"), "full_name", "display_name"), false, false,
                                lock("customers", ACCESS_EXCLUSIVE)))
                .finding("rename-column", Severity.ERROR, Category.COMPATIBILITY, 0, 35,
                        "Renaming customers.full_name breaks the running release, which still selects full_name", null)
                .done();
        fx.file("shop/V12__drop_legacy_columns.sql", Runner.FLYWAY)
                .statement("BEGIN", explicitTx(0))
                .statement("-- tideline:ignore drop-column legacy_flag unused since release 9\n"
                        + "ALTER TABLE orders DROP COLUMN legacy_flag", explicitTx(0),
                        op(new Operation.DropColumn(TableRef.of("orders"), "legacy_flag", false, false), false, false,
                                lock("orders", ACCESS_EXCLUSIVE)))
                .suppressed("drop-column", Severity.ERROR, Category.DESTRUCTIVE, "Dropping orders.legacy_flag destroys its data",
                        "legacy_flag unused since release 9")
                .statement("UPDATE orders SET status = 'archived' WHERE created_at < now() - interval '2 years'", explicitTx(0),
                        op(new Operation.Dml(Operation.DmlKind.UPDATE, TableRef.of("orders"), true), false, false,
                                lock("orders", ROW_EXCLUSIVE)))
                .finding("lock-held-across-statements", Severity.WARNING, Category.LOCKING, 0, 1,
                        "ACCESS EXCLUSIVE on orders from statement 2 is still held while this UPDATE runs", null)
                .statement("COMMIT", explicitTx(0), new dev.tideline.analyzer.AnalyzedOperation(
                        new Operation.Transaction(Operation.TransactionKind.COMMIT), dev.tideline.analyzer.model.LockEffect.NONE, false))
                .statement("VACUUM ANALYZE orders", TxContext.AUTOCOMMIT, Fixture.unrecognized("VACUUM options not modelled"))
                .done();
        return fx;
    }
}
