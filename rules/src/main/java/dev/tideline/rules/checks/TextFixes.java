package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.source.Token;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.StatementUnit;
import dev.tideline.rules.TextEdit;
import dev.tideline.rules.TextFix;
import dev.tideline.rules.edit.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The mechanical safe forms of findings as text edits of the statement as written (null where there is none). Only a
 * statement that does this one thing is edited, so an edit never changes what the rest of it means.
 */
final class TextFixes {
    private TextFixes() {}

    /** {@code CREATE INDEX} / {@code DROP INDEX} → {@code … CONCURRENTLY}, run outside the runner's transaction. */
    static TextFix concurrently(RuleContext ctx, StatementUnit at, boolean addIfNotExists) {
        SourceSpan span = single(ctx, at).orElse(null);
        if (span == null) return null;
        int index = span.find(0, "INDEX");
        if (index < 0 || index > 2) return null;
        boolean only = ctx.statements().stream().filter(u -> !u.nested()).count() == 1;
        Optional<List<TextEdit>> outside = ctx.runnerWays().outsideTransaction(span, at.tx(), only);
        if (outside.isEmpty()) return null;
        List<TextEdit> edits = new ArrayList<>(outside.get());
        boolean ifAlready = span.find(index + 1, "IF") == index + 1;
        edits.add(span.insertAfter(index, " " + keyword(span, "CONCURRENTLY")
                + (addIfNotExists && !ifAlready ? " " + keyword(span, "IF NOT EXISTS") : "")));
        return new TextFix("add CONCURRENTLY" + (edits.size() > 1 ? ", outside the runner's transaction" : ""), edits);
    }

    /** {@code CREATE INDEX CONCURRENTLY name} → {@code … CONCURRENTLY IF NOT EXISTS name}. */
    static TextFix ifNotExists(RuleContext ctx, StatementUnit at) {
        SourceSpan span = single(ctx, at).orElse(null);
        if (span == null) return null;
        int concurrently = span.find(0, "CONCURRENTLY");
        if (concurrently < 0 || concurrently > 3) return null;
        return new TextFix("add IF NOT EXISTS", List.of(span.insertAfter(concurrently, " " + keyword(span, "IF NOT EXISTS"))));
    }

    /** A {@code SET …} prelude on its own line before the statement ({@code SET LOCAL} inside a transaction). */
    static TextFix prelude(RuleContext ctx, StatementUnit at, String setting, String value) {
        Optional<SourceSpan> span = ctx.source(at);
        if (span.isEmpty()) return null;
        String set = at.tx().inTransaction() ? "SET LOCAL " : "SET ";
        return new TextFix("set " + setting + " first", List.of(span.get().before(
                keyword(span.get(), set) + setting + " = " + Quoting.literal(value) + ";")));
    }

    /**
     * {@code ADD CONSTRAINT … NOT VALID}, and its {@code VALIDATE CONSTRAINT} in a later transaction the runner's
     * way; only for a named constraint added by a statement of its own that is the last work of its transaction.
     */
    static TextFix notValid(RuleContext ctx, StatementUnit at, TableRef table, String constraint) {
        SourceSpan span = single(ctx, at).orElse(null);
        if (span == null || constraint == null || !lastWorkOfTransaction(ctx, at)) return null;
        String validate = keyword(span, "ALTER TABLE ") + Quoting.table(table) + keyword(span, " VALIDATE CONSTRAINT ")
                + Quoting.ident(constraint) + ";";
        Optional<List<TextEdit>> later = ctx.runnerWays().later(span, at.tx(), validate);
        if (later.isEmpty()) return null;
        List<TextEdit> edits = new ArrayList<>(later.get());
        edits.add(span.insertAfter(span.tokens().size() - 1, " " + keyword(span, "NOT VALID")));
        return new TextFix("add NOT VALID, validate in a later transaction", edits);
    }

    /** {@code SET NOT NULL} → a NOT VALID CHECK now, and validate, SET NOT NULL (no scan) and drop it later. */
    static TextFix checkFirstNotNull(RuleContext ctx, StatementUnit at, TableRef table, String column) {
        SourceSpan span = single(ctx, at).orElse(null);
        if (span == null || !lastWorkOfTransaction(ctx, at)) return null;
        String t = Quoting.table(table);
        String check = Quoting.ident(table.name() + "_" + column + "_not_null");
        String alter = keyword(span, "ALTER TABLE ") + t + " ";
        Optional<List<TextEdit>> later = ctx.runnerWays().later(span, at.tx(),
                alter + keyword(span, "VALIDATE CONSTRAINT ") + check + ";\n"
                + alter + keyword(span, "ALTER COLUMN ") + Quoting.ident(column) + keyword(span, " SET NOT NULL") + ";\n"
                + alter + keyword(span, "DROP CONSTRAINT ") + check + ";");
        if (later.isEmpty()) return null;
        List<TextEdit> edits = new ArrayList<>(later.get());
        edits.add(span.replaceAll(alter + keyword(span, "ADD CONSTRAINT ") + check + keyword(span, " CHECK (")
                + Quoting.ident(column) + keyword(span, " IS NOT NULL) NOT VALID")));
        return new TextFix("CHECK (… IS NOT NULL) NOT VALID first, SET NOT NULL after validating it", edits);
    }

    /** Replaces the type written after column {@code column} of a CREATE TABLE or ADD COLUMN statement. */
    static TextFix columnType(RuleContext ctx, StatementUnit at, String column, String title, TypeRewrite rewrite) {
        SourceSpan span = single(ctx, at).orElse(null);
        if (span == null) return null;
        List<Token> tokens = span.tokens();
        for (int i = 1; i + 1 < tokens.size(); i++) {
            if (!names(tokens.get(i), column) || !startsColumn(tokens, i)) continue;
            ColumnType type = ColumnType.at(tokens, i + 1);
            if (type == null) return null;
            String first = tokens.get(i + 1).text();
            String replacement = rewrite.apply(type, tokens.get(i).text(), first.equals(first.toLowerCase(Locale.ROOT)));
            if (replacement == null) return null;
            return new TextFix(title, List.of(span.replace(type.first(), type.last(), replacement)));
        }
        return null;
    }

    interface TypeRewrite {
        /** The new type text for {@code type} of the column written {@code columnAsWritten}; null when none. */
        String apply(ColumnType type, String columnAsWritten, boolean lowerCase);
    }

    /** A column definition starts after {@code (}, {@code ,} or {@code ADD [COLUMN] [IF NOT EXISTS]}. */
    private static boolean startsColumn(List<Token> tokens, int i) {
        Token before = tokens.get(i - 1);
        if (before.isPunct('(') || before.isPunct(',')) return depth(tokens, i) == 1;
        return before.is("COLUMN") || before.is("ADD") || before.is("EXISTS") && i >= 4 && tokens.get(i - 4).is("ADD")
                || before.is("EXISTS") && i >= 5 && tokens.get(i - 4).is("COLUMN");
    }

    private static int depth(List<Token> tokens, int i) {
        int depth = 0;
        for (int k = 0; k < i; k++) {
            if (tokens.get(k).isPunct('(')) depth++;
            else if (tokens.get(k).isPunct(')')) depth--;
        }
        return depth;
    }

    private static boolean names(Token t, String column) {
        if (t.kind() == Token.Kind.QUOTED_IDENT) return t.text().equals(Quoting.ident(column)) || t.text().equals('"' + column + '"');
        return t.kind() == Token.Kind.WORD && t.text().toLowerCase(Locale.ROOT).equals(column);
    }

    /** The statement's span when it is top-level, written in the file, and does exactly one thing. */
    private static Optional<SourceSpan> single(RuleContext ctx, StatementUnit at) {
        if (at.operations().size() != 1) return Optional.empty();
        return ctx.source(at).filter(s -> !s.tokens().isEmpty());
    }

    /** True when nothing after the statement works in the same transaction (moving work after it keeps the order). */
    private static boolean lastWorkOfTransaction(RuleContext ctx, StatementUnit at) {
        if (!at.tx().inTransaction()) return true;
        boolean after = false;
        for (StatementUnit u : ctx.statements()) {
            if (u == at) after = true;
            else if (after && u.tx().inTransaction() && u.tx().blockId() == at.tx().blockId() && u.doesWork()) return false;
        }
        return true;
    }

    /** Keywords in the case the statement writes its own (a file in lower case gets lower-case keywords). */
    static String keyword(SourceSpan span, String keywords) {
        return lowerCase(span) ? keywords.toLowerCase(Locale.ROOT) : keywords;
    }

    private static boolean lowerCase(SourceSpan span) {
        String first = span.tokens().get(0).text();
        return first.equals(first.toLowerCase(Locale.ROOT));
    }
}
