package dev.tideline.analyzer.changelog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines of changeSets and changes in a changelog's text: Liquibase's parsed nodes carry none, so each is found as the
 * first {@code id} attribute/key with the changeSet's id (or the change's element/key name) after the previous one.
 */
final class SourceLines {
    private SourceLines() {}

    /** 1-based line of the changeSet whose id is {@code id}, searched after line {@code after}; else after+1. */
    static int changeSetLine(String text, String id, int after) {
        Pattern p = Pattern.compile("(?<![\\w-])[\"']?id[\"']?\\s*[=:]\\s*[\"']?" + Pattern.quote(id) + "(?![\\w.-])");
        int line = find(text, p, after + 1);
        return line > 0 ? line : after + 1;
    }

    /**
     * 1-based line of the change named {@code name} (e.g. createIndex) at or after {@code from}, and after the
     * changeSet's own line; {@code from} when not found.
     */
    static int changeLine(String text, String name, int from, int changeSetLine) {
        Pattern p = Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])");
        int start = from == changeSetLine ? from : from + 1;
        int line = find(text, p, start);
        return line > 0 ? line : from;
    }

    /** The first line from {@code from} on holding a match, or 0. */
    private static int find(String text, Pattern p, int from) {
        int line = 1;
        int offset = 0;
        while (line < from && offset >= 0) {
            offset = text.indexOf('\n', offset);
            if (offset >= 0) offset++;
            line++;
        }
        if (offset < 0) return 0;
        Matcher m = p.matcher(text);
        if (!m.find(offset)) return 0;
        for (int i = offset; i < m.start(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }
}
