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
 * {@code DO $$ … $$}: the static SQL statements of a PL/pgSQL body, located in the enclosing file. Control flow
 * (IF … THEN, LOOP, EXCEPTION WHEN …) is peeled off; RAISE, PERFORM, EXECUTE of a string, assignments and the
 * like are not SQL statements of the migration and are skipped.
 */
final class DoBlocks {
    private DoBlocks() {}

    private static final Set<String> PROCEDURAL = Set.of("RAISE", "PERFORM", "EXECUTE", "RETURN", "NULL", "GET",
            "OPEN", "FETCH", "CLOSE", "EXIT", "CONTINUE", "MOVE", "ASSERT", "COMMIT", "ROLLBACK");

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
        return new Operation.DoBlock(language, nested(body, parser));
    }

    private static String languageName(Cursor c) {
        Token t = c.peek();
        if (t != null && t.kind() == Kind.STRING) {
            c.i++;
            return DdlSyntax.stringValue(t);
        }
        return c.name();
    }

    /** The SQL statements of a PL/pgSQL body held in a string or dollar-quoted token. */
    static List<NestedStatement> nested(Token body, StatementParser parser) {
        String text = body.text();
        String content;
        int column;
        if (body.kind() == Kind.DOLLAR_STRING) {
            int tag = text.indexOf('$', 1) + 1;
            content = text.substring(tag, text.length() - tag);
            column = body.column() + tag;
        } else {
            int open = text.indexOf('\'') + 1;
            content = text.substring(open, text.length() - 1).replace("''", "'");
            column = body.column() + open;
        }
        List<Token> tokens = new ArrayList<>();
        for (Token t : Lexer.ofFragment(content, body.line(), column).tokens()) if (!t.isComment()) tokens.add(t);
        List<NestedStatement> out = new ArrayList<>();
        boolean inDeclare = false;
        int start = 0;
        for (int k = 0; k <= tokens.size(); k++) {
            if (k < tokens.size() && !tokens.get(k).isPunct(';')) continue;
            int from = start;
            start = k + 1;
            if (from >= k) continue;
            if (inDeclare || tokens.get(from).is("DECLARE")) {
                int begin = indexOf(tokens, from, k, "BEGIN");
                inDeclare = begin < 0;
                if (inDeclare) continue;
                from = begin;
            }
            from = peelControlFlow(tokens, from, k);
            if (from >= k) continue;
            Token first = tokens.get(from);
            if (first.is("DECLARE")) {
                int begin = indexOf(tokens, from, k, "BEGIN");
                inDeclare = begin < 0;
                if (inDeclare) continue;
                from = peelControlFlow(tokens, begin, k);
                if (from >= k) continue;
                first = tokens.get(from);
            }
            if (isProcedural(tokens, from, k)) continue;
            Token last = tokens.get(k - 1);
            String sql = content.substring(first.start(), last.end());
            out.add(new NestedStatement(first.line(), first.column(), sql, parser.parse(sql, first.line(), first.column())));
        }
        return List.copyOf(out);
    }

    /** Skips labels, BEGIN, ELSE, LOOP, EXCEPTION and the conditions of IF/ELSIF/WHEN/CASE … THEN and FOR/WHILE … LOOP. */
    private static int peelControlFlow(List<Token> tokens, int from, int end) {
        while (from < end) {
            Token t = tokens.get(from);
            String w = t.kind() == Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : "";
            if (t.kind() == Kind.OPERATOR && t.text().equals("<<")) {
                from = Math.min(end, from + 3);
            } else if (w.equals("BEGIN") || w.equals("ELSE") || w.equals("LOOP") || w.equals("EXCEPTION")) {
                from++;
            } else if (w.equals("IF") || w.equals("ELSIF") || w.equals("ELSEIF") || w.equals("WHEN") || w.equals("CASE")) {
                int then = indexOf(tokens, from + 1, end, "THEN");
                if (then < 0) return end;
                from = then + 1;
            } else if (w.equals("FOR") || w.equals("WHILE") || w.equals("FOREACH")) {
                int loop = indexOf(tokens, from + 1, end, "LOOP");
                if (loop < 0) return end;
                from = loop + 1;
            } else if (w.equals("END")) {
                return end;
            } else {
                return from;
            }
        }
        return from;
    }

    private static boolean isProcedural(List<Token> tokens, int from, int end) {
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
    private static int indexOf(List<Token> tokens, int from, int end, String keyword) {
        int depth = 0;
        for (int k = from; k < end; k++) {
            Token t = tokens.get(k);
            if (t.isPunct('(')) depth++;
            else if (t.isPunct(')')) depth--;
            else if (depth == 0 && t.is(keyword)) return k;
        }
        return -1;
    }
}
