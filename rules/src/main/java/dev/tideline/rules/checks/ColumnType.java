package dev.tideline.rules.checks;

import dev.tideline.analyzer.source.Token;
import java.util.List;
import java.util.Locale;

/**
 * A column type as written in a statement's tokens: from {@code first} to {@code last} (inclusive), its base name
 * lower-cased with single spaces ("timestamp without time zone", "character varying") and its modifier ("(3)") or "".
 */
record ColumnType(int first, int last, String base, String modifier) {
    private static final List<List<String>> MULTI_WORD = List.of(
            List.of("character", "varying"), List.of("double", "precision"));

    /** The type starting at token {@code i}; null when what is there is not a plain type name. */
    static ColumnType at(List<Token> tokens, int i) {
        if (i >= tokens.size() || tokens.get(i).kind() != Token.Kind.WORD) return null;
        String base = tokens.get(i).text().toLowerCase(Locale.ROOT);
        int last = i;
        for (List<String> words : MULTI_WORD) {
            if (base.equals(words.get(0)) && last + 1 < tokens.size() && tokens.get(last + 1).is(words.get(1))) {
                base += " " + words.get(1);
                last++;
            }
        }
        String modifier = "";
        if (last + 3 < tokens.size() && tokens.get(last + 1).isPunct('(') && tokens.get(last + 2).kind() == Token.Kind.NUMBER
                && tokens.get(last + 3).isPunct(')')) {
            modifier = "(" + tokens.get(last + 2).text() + ")";
            last += 3;
        }
        if ((base.equals("timestamp") || base.equals("time")) && last + 3 < tokens.size()
                && (tokens.get(last + 1).is("with") || tokens.get(last + 1).is("without"))
                && tokens.get(last + 2).is("time") && tokens.get(last + 3).is("zone")) {
            base += " " + tokens.get(last + 1).text().toLowerCase(Locale.ROOT) + " time zone";
            last += 3;
        }
        if (last + 1 < tokens.size() && (tokens.get(last + 1).isPunct('[') || tokens.get(last + 1).is("ARRAY")
                || tokens.get(last + 1).isPunct('.'))) {
            return null; // an array or a schema-qualified type: not the plain type the rules mean
        }
        return new ColumnType(i, last, base, modifier);
    }

    /** The modifier's number, e.g. 255 of varchar(255); -1 when none. */
    int length() {
        return modifier.isEmpty() ? -1 : Integer.parseInt(modifier.substring(1, modifier.length() - 1));
    }
}
