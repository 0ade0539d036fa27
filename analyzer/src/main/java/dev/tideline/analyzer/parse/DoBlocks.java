package dev.tideline.analyzer.parse;

import dev.tideline.analyzer.model.NestedStatement;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.source.Lexer;
import dev.tideline.analyzer.source.Token;
import dev.tideline.analyzer.source.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code DO $$ … $$}: the SQL statements of a PL/pgSQL body, located in the enclosing file. Control flow
 * (IF … THEN, LOOP, nested BEGIN … END, EXCEPTION WHEN …) is peeled off; a nested {@code DO} is parsed in turn (its
 * statements hang under its own {@link Operation.DoBlock}); {@code PERFORM q} runs {@code SELECT q};
 * {@code EXECUTE 'literal'} runs the literal's SQL, which is analysed as such. SQL built when the block runs (any
 * other EXECUTE, FOR … IN EXECUTE, OPEN … FOR EXECUTE) cannot be known here: it becomes a statement that is
 * {@link Operation.Unrecognized}, so it is reported as not analysed instead of being skipped. RAISE, assignments,
 * RETURN, GET DIAGNOSTICS and the like run no SQL of the migration and are skipped.
 */
final class DoBlocks {
    /** Deeper nesting is refused (as not understood) rather than risking the stack on a crafted file. */
    static final int MAX_DEPTH = 16;

    private static final Set<String> PROCEDURAL = Set.of("RAISE", "RETURN", "NULL", "GET", "OPEN", "FETCH", "CLOSE",
            "EXIT", "CONTINUE", "MOVE", "ASSERT", "COMMIT", "ROLLBACK");

    private final String content;
    private final List<Token> tokens = new ArrayList<>();
    private final StatementParser parser;
    private final int depth;
    private final List<NestedStatement> out = new ArrayList<>();

    private DoBlocks(Fragment body, StatementParser parser, int depth) {
        this.content = body.content();
        for (Token t : Lexer.ofFragment(content, body.line(), body.column()).tokens()) if (!t.isComment()) tokens.add(t);
        this.parser = parser;
        this.depth = depth;
    }

    static Operation parse(Cursor c, StatementParser parser) {
        c.expect("DO");
        String language = "plpgsql";
        if (c.accept("LANGUAGE")) language = languageName(c);
        Token body = c.next();
        if (body.kind() != Kind.STRING && body.kind() != Kind.DOLLAR_STRING) {
            throw new NotRecognized("DO without a string body");
        }
        if (c.accept("LANGUAGE")) language = languageName(c);
        c.expectEnd();
        if (!language.equalsIgnoreCase("plpgsql")) return new Operation.DoBlock(language, List.of());
        if (c.doDepth >= MAX_DEPTH) throw new NotRecognized("DO blocks nested deeper than " + MAX_DEPTH);
        Fragment text = Fragment.of(body);
        if (text == null) throw new NotRecognized("DO body in an escape string");
        return new Operation.DoBlock(language, new DoBlocks(text, parser, c.doDepth + 1).statements());
    }

    private static String languageName(Cursor c) {
        Token t = c.peek();
        if (t != null && t.kind() == Kind.STRING) {
            c.i++;
            return DdlSyntax.stringValue(t);
        }
        return c.name();
    }

    /**
     * The text inside a string literal and where it starts in the file; null for escape strings with a backslash
     * (E'…', U&'…'), whose text this does not decode.
     */
    private record Fragment(String content, int line, int column) {
        static Fragment of(Token literal) {
            String text = literal.text();
            if (literal.kind() == Kind.DOLLAR_STRING) {
                int tag = text.indexOf('$', 1) + 1;
                return new Fragment(text.substring(tag, text.length() - tag), literal.line(), literal.column() + tag);
            }
            int open = text.indexOf('\'') + 1;
            if (open > 1 && !(open == 2 && Character.toUpperCase(text.charAt(0)) == 'E')) return null;
            String inside = text.substring(open, text.length() - 1);
            if (open == 2 && inside.indexOf('\\') >= 0) return null;
            return new Fragment(inside.replace("''", "'"), literal.line(), literal.column() + open);
        }
    }

    /** The body's statements, split at its semicolons. */
    private List<NestedStatement> statements() {
        boolean inDeclare = false;
        int start = 0;
        for (int k = 0; k <= tokens.size(); k++) {
            if (k < tokens.size() && !tokens.get(k).isPunct(';')) continue;
            int from = start;
            start = k + 1;
            if (from >= k) continue;
            if (inDeclare || tokens.get(from).is("DECLARE")) {
                int begin = indexOf(from, k, "BEGIN");
                inDeclare = begin < 0;
                if (inDeclare) continue;
                from = begin;
            }
            from = peelControlFlow(from, k);
            if (from >= k) continue;
            if (tokens.get(from).is("DECLARE")) {
                int begin = indexOf(from, k, "BEGIN");
                inDeclare = begin < 0;
                if (inDeclare) continue;
                from = peelControlFlow(begin, k);
                if (from >= k) continue;
            }
            statement(from, k);
        }
        return List.copyOf(out);
    }

    /** One statement of the body, tokens [from, end). */
    private void statement(int from, int end) {
        Token first = tokens.get(from);
        if (first.is("EXECUTE")) {
            execute(from, end);
        } else if (first.is("PERFORM")) {
            if (from + 1 >= end) return;
            String query = "SELECT " + text(from + 1, end);
            add(first, text(from, end), parser.parse(query, first.line(), first.column(), depth));
        } else if (isProcedural(from, end)) {
            if (indexOf(from, end, "EXECUTE") >= 0) dynamic(from, end); // OPEN … FOR EXECUTE, RETURN QUERY EXECUTE
        } else {
            String sql = text(from, end);
            add(first, sql, parser.parse(sql, first.line(), first.column(), depth));
        }
    }

    /**
     * {@code EXECUTE command-string [INTO …] [USING …]}: a single literal is SQL known now (each of its statements is
     * analysed); anything else is built at run time.
     */
    private void execute(int from, int end) {
        int stop = end;
        for (String clause : List.of("INTO", "USING")) {
            int at = indexOf(from + 1, end, clause);
            if (at >= 0 && at < stop) stop = at;
        }
        Token only = stop == from + 2 ? tokens.get(from + 1) : null;
        Fragment literal = only != null && (only.kind() == Kind.STRING || only.kind() == Kind.DOLLAR_STRING)
                ? Fragment.of(only) : null;
        if (literal == null) {
            dynamic(from, end);
            return;
        }
        List<Token> sql = new ArrayList<>();
        for (Token t : Lexer.ofFragment(literal.content(), literal.line(), literal.column()).tokens()) {
            if (!t.isComment()) sql.add(t);
        }
        int start = 0;
        for (int k = 0; k <= sql.size(); k++) {
            if (k < sql.size() && !sql.get(k).isPunct(';')) continue;
            if (start < k) {
                Token head = sql.get(start);
                String text = literal.content().substring(head.start(), sql.get(k - 1).end());
                add(head, text, parser.parse(text, head.line(), head.column(), depth));
            }
            start = k + 1;
        }
    }

    private void dynamic(int from, int end) {
        add(tokens.get(from), text(from, end), List.of(new Operation.Unrecognized(
                "dynamic SQL: the statement is a string built when the block runs, so what it does is not known before")));
    }

    private void add(Token at, String text, List<Operation> operations) {
        out.add(new NestedStatement(at.line(), at.column(), text, operations));
    }

    private String text(int from, int end) {
        return content.substring(tokens.get(from).start(), tokens.get(end - 1).end());
    }

    /**
     * Skips labels, BEGIN, ELSE, LOOP, EXCEPTION and the conditions of IF/ELSIF/WHEN/CASE … THEN and FOR/WHILE … LOOP.
     * A {@code FOR … IN EXECUTE … LOOP} query is dynamic SQL: reported as such.
     */
    private int peelControlFlow(int from, int end) {
        while (from < end) {
            Token t = tokens.get(from);
            String w = t.kind() == Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : "";
            if (t.kind() == Kind.OPERATOR && t.text().equals("<<")) {
                from = Math.min(end, from + 3);
            } else if (w.equals("BEGIN") || w.equals("ELSE") || w.equals("LOOP") || w.equals("EXCEPTION")) {
                from++;
            } else if (w.equals("IF") || w.equals("ELSIF") || w.equals("ELSEIF") || w.equals("WHEN") || w.equals("CASE")) {
                int then = indexOf(from + 1, end, "THEN");
                if (then < 0) return end;
                from = then + 1;
            } else if (w.equals("FOR") || w.equals("WHILE") || w.equals("FOREACH")) {
                int loop = indexOf(from + 1, end, "LOOP");
                if (loop < 0) return end;
                int execute = indexOf(from + 1, loop, "EXECUTE");
                if (execute >= 0) dynamic(from, loop);
                from = loop + 1;
            } else if (w.equals("END")) {
                return end;
            } else {
                return from;
            }
        }
        return from;
    }

    private boolean isProcedural(int from, int end) {
        Token first = tokens.get(from);
        if (first.kind() == Kind.WORD && PROCEDURAL.contains(first.text().toUpperCase(Locale.ROOT))) return true;
        // assignment: target [. field | [index]]… := expr  (or = expr)
        int k = from + 1;
        while (k < end) {
            Token t = tokens.get(k);
            if (t.isPunct('.') && k + 1 < end && Cursor.isNameToken(tokens.get(k + 1))) {
                k += 2;
            } else if (t.isPunct('[')) {
                while (k < end && !tokens.get(k).isPunct(']')) k++;
                k++;
            } else {
                break;
            }
        }
        if (k < end && Cursor.isNameToken(first)) {
            Token t = tokens.get(k);
            if (t.kind() == Kind.OPERATOR && (t.text().equals(":=") || t.text().equals("="))) return true;
        }
        return false;
    }

    /** Index of the first depth-0 keyword in [from, end), or -1. */
    private int indexOf(int from, int end, String keyword) {
        int parens = 0;
        for (int k = from; k < end; k++) {
            Token t = tokens.get(k);
            if (t.isPunct('(')) parens++;
            else if (t.isPunct(')')) parens--;
            else if (parens == 0 && t.is(keyword)) return k;
        }
        return -1;
    }
}
