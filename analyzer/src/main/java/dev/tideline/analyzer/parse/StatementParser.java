package dev.tideline.analyzer.parse;

import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.analyzer.source.Token;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns one statement into its typed operations: the PostgreSQL-aware recognizer first, JSqlParser (time- and
 * depth-bounded) for the DML the recognizer does not know. Never throws: what neither understands becomes
 * {@link Operation.Unrecognized} with the reason. JSqlParser types never leave this package. Thread-safe.
 *
 * <h2>Normalisation contract</h2>
 * <ul>
 *   <li>Identifiers: unquoted folded to lower case, quoted kept as written (without the quotes);
 *       {@code TableRef.schema} is null when the name is unqualified (a catalog prefix is dropped).</li>
 *   <li>Column types, canonical lower case with single spaces: int/int4/integer → {@code integer},
 *       int2/smallint → {@code smallint}, int8/bigint → {@code bigint}, serial4 → {@code serial},
 *       serial8 → {@code bigserial}, character varying(n)/varchar(n) → {@code varchar(n)},
 *       character(n)/char(n)/bpchar → {@code char(n)}, bool → {@code boolean}, float8/double precision/float →
 *       {@code double precision}, float4/real → {@code real}, decimal → {@code numeric}, timestamp [without time
 *       zone] → {@code timestamp}, timestamp with time zone/timestamptz → {@code timestamptz} (precision kept:
 *       {@code timestamptz(3)}), time with time zone → {@code timetz}; arrays keep {@code []}; a
 *       {@code pg_catalog.} prefix is dropped; other types as written, lower-cased, quoted names unquoted.</li>
 *   <li>Default volatility: literals and constant casts IMMUTABLE; now(), current_timestamp, current_date,
 *       localtimestamp, statement_timestamp() and similar STABLE; random(), clock_timestamp(), gen_random_uuid(),
 *       uuid_generate_v4(), nextval(…), timeofday() and any function not known to be immutable or stable
 *       VOLATILE (conservative); no default NONE.</li>
 *   <li>Expressions (defaults, CHECK, USING, WHERE) are kept as written in the statement.</li>
 *   <li>{@code SetSetting.value} is the unquoted content when the value is a single string literal, else the
 *       text as written; names of {@code SET TIME ZONE}/{@code SET SCHEMA}/{@code SET ROLE} are
 *       {@code timezone}/{@code search_path}/{@code role}.</li>
 *   <li>{@code ANALYZE} is {@code Vacuum(analyzeOnly=true)}; CREATE FUNCTION/PROCEDURE bodies are not parsed
 *       (an {@code ObjectChange}); {@code DO} bodies are, into {@link dev.tideline.analyzer.model.NestedStatement}s
 *       located in the enclosing file, at every depth (see {@link DoBlocks}).</li>
 * </ul>
 */
public final class StatementParser {
    private final AtomicLong fallbackAttempts = new AtomicLong();

    public List<Operation> parse(SqlStatement statement) {
        return parse(statement.text(), statement.line(), statement.column(), 0);
    }

    /**
     * Parses statement text that starts at the given 1-based position of its file, inside {@code doDepth} DO blocks
     * (0 at the top level).
     */
    List<Operation> parse(String text, int line, int column, int doDepth) {
        String reason;
        boolean dml = true;
        try {
            Cursor cursor = new Cursor(text, line, column, doDepth);
            if (cursor.size() == 0) return List.of(new Operation.Unrecognized("empty statement"));
            dml = mayBeDml(cursor.get(0));
            List<Operation> ops = Recognizer.recognize(cursor, this);
            if (ops != null) return ops;
            reason = "unknown statement " + Cursor.describe(cursor.get(0));
        } catch (NotRecognized e) {
            reason = e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            reason = "recognizer failed: " + e;
        }
        // JSqlParser's result only becomes an operation for DML; for anything else it could only confirm the
        // statement is not understood, and loading and warming it up for that cost a run ~0.1 s.
        if (!dml) return List.of(new Operation.Unrecognized(reason));
        fallbackAttempts.incrementAndGet();
        Operation fallback = JsqlFallback.parse(text);
        if (fallback instanceof Operation.Unrecognized u) {
            return List.of(new Operation.Unrecognized(reason + " (" + u.reason() + ")"));
        }
        return List.of(fallback);
    }

    /** Statements JSqlParser may turn into a {@link Operation.Dml}: what {@code JsqlFallback.map} models. */
    private static boolean mayBeDml(Token first) {
        return first.isPunct('(') || first.is("select") || first.is("with") || first.is("insert") || first.is("update")
                || first.is("delete") || first.is("merge") || first.is("values") || first.is("table");
    }

    /** How many statements this parser handed to JSqlParser so far (benchmarks and the corpus test report it). */
    public long fallbackAttempts() {
        return fallbackAttempts.get();
    }
}
