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
        if (text == null || !UP.matcher(text).find()) return text;
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
}
