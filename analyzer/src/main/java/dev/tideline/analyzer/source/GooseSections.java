package dev.tideline.analyzer.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * goose keeps a migration's up and down SQL in one file, split by {@code -- +goose Up} / {@code -- +goose Down}
 * annotations. The down part runs only on rollback, so it is not part of the migration to analyse.
 */
public final class GooseSections {
    private static final Pattern DOWN = Pattern.compile("(?im)^[ \\t]*--[ \\t]*\\+goose[ \\t]+down\\b.*$");
    private static final Pattern UP = Pattern.compile("(?im)^[ \\t]*--[ \\t]*\\+goose[ \\t]+up\\b");

    private GooseSections() {}

    /** The text with everything from a {@code -- +goose Down} line on blanked out (line breaks kept, so positions hold). */
    public static String upOnly(String text) {
        // a plain search first: the multiline regex over every file of a large run is not free
        if (text == null || !containsIgnoreCase(text, "+goose") || !UP.matcher(text).find()) return text;
        Matcher down = DOWN.matcher(text);
        if (!down.find()) return text;
        StringBuilder sb = new StringBuilder(text.length());
        sb.append(text, 0, down.start());
        for (int i = down.start(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') sb.append(c);
        }
        return sb.toString();
    }

    private static boolean containsIgnoreCase(String text, String word) {
        for (int i = text.indexOf('+'); i >= 0; i = text.indexOf('+', i + 1)) {
            if (text.regionMatches(true, i, word, 0, word.length())) return true;
        }
        return false;
    }
}
