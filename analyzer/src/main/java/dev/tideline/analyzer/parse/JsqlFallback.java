package dev.tideline.analyzer.parse;

import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.Operation.DmlKind;
import dev.tideline.analyzer.model.TableRef;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/**
 * JSqlParser for the statements the recognizer does not know, bounded in time and depth: JSqlParser can take
 * exponential time or overflow the stack on deeply nested input, so such input is refused up front and every
 * parse runs on a worker thread with a timeout.
 */
final class JsqlFallback {
    static final long TIMEOUT_MILLIS = 2_000;
    private static final int MAX_NESTING = 100;
    private static final int MAX_LENGTH = 100_000;

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "tideline-jsqlparser", 64L << 20);
        t.setDaemon(true);
        return t;
    });

    private JsqlFallback() {}

    /** The operations JSqlParser finds, or an Unrecognized explaining why it could not. */
    static Operation parse(String sql) {
        return parse(sql, TIMEOUT_MILLIS);
    }

    static Operation parse(String sql, long timeoutMillis) {
        String refusal = refusal(sql);
        if (refusal != null) return new Operation.Unrecognized(refusal);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Statement statement;
        try {
            // as CCJSqlParserUtil.parse does: the simple grammar first, the complex one when that fails
            try {
                statement = parse(sql, false, deadline);
            } catch (ParseException simpleFailed) {
                statement = parse(sql, true, deadline);
            }
        } catch (TimeoutException e) {
            return new Operation.Unrecognized("JSqlParser did not finish within " + timeoutMillis + " ms");
        } catch (Exception | StackOverflowError e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new Operation.Unrecognized("JSqlParser: " + message.lines().findFirst().orElse("").strip());
        }
        return map(statement);
    }

    /**
     * One parse on a worker, abandoned at the deadline. CCJSqlParserUtil's own timeout lets the abandoned parse run on
     * (and then retries it with the complex grammar), so the parser's stop flag is set here, and the worker freed.
     */
    private static Statement parse(String sql, boolean complex, long deadline) throws Exception {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex);
        Future<Statement> running = WORKERS.submit(parser::Statement);
        try {
            return running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            parser.interrupted = true;
            running.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ParseException p) throw p;
            throw e;
        }
    }

    private static String refusal(String sql) {
        if (sql.length() > MAX_LENGTH) return "statement longer than " + MAX_LENGTH + " characters";
        int depth = 0;
        for (int k = 0; k < sql.length(); k++) {
            char ch = sql.charAt(k);
            if (ch == '(' && ++depth > MAX_NESTING) return "parentheses nested deeper than " + MAX_NESTING;
            else if (ch == ')') depth--;
        }
        return null;
    }

    private static Operation map(Statement s) {
        if (s instanceof Select) return new Operation.Dml(DmlKind.SELECT, null, false);
        if (s instanceof Insert i) return new Operation.Dml(DmlKind.INSERT, ref(i.getTable()), false);
        if (s instanceof Update u) return new Operation.Dml(DmlKind.UPDATE, ref(u.getTable()), u.getWhere() != null);
        if (s instanceof Delete d) return new Operation.Dml(DmlKind.DELETE, ref(d.getTable()), d.getWhere() != null);
        if (s instanceof Merge m) return new Operation.Dml(DmlKind.MERGE, ref(m.getTable()), false);
        return new Operation.Unrecognized("JSqlParser parsed it as " + s.getClass().getSimpleName()
                + ", which tideline does not model");
    }

    private static TableRef ref(Table t) {
        if (t == null) return null;
        String schema = t.getSchemaName();
        return new TableRef(schema == null ? null : identifier(schema), identifier(t.getName()));
    }

    private static String identifier(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        return s.toLowerCase(Locale.ROOT);
    }
}
