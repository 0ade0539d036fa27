package dev.tideline.report;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.EscapingStrategy;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escaping for GitHub-flavoured Markdown. Text from SQL must stay text in a PR comment: no HTML, no links, no
 * table breaks, no @-mentions. Inline text backslash-escapes the characters that open syntax (CommonMark allows a
 * backslash before any punctuation); code spans and fenced blocks pick a fence longer than any backtick run inside.
 */
final class Markdown extends AbstractExtension {
    static final String STRATEGY = "markdown";
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    /** Characters that start Markdown or HTML syntax anywhere in a line ($ opens GitHub math). */
    private static final String SPECIAL = "\\`*_[]<>|#~&!$";
    private static final Pattern LIST_START = Pattern.compile("^(\\s*)(\\d+)([.)])");

    /** Escapes one line of inline text (newlines become spaces so tables and lists hold). */
    static String inline(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (c == '@') {
                out.append("@\u200B"); // no @-mention from SQL text
            } else if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        String escaped = out.toString();
        // Text that begins a line must not turn into a list item, heading underline or quote.
        String lead = escaped.stripLeading();
        if (!lead.isEmpty() && "-+=".indexOf(lead.charAt(0)) >= 0) {
            int at = escaped.length() - lead.length();
            return escaped.substring(0, at) + "\\" + escaped.substring(at);
        }
        return LIST_START.matcher(escaped).replaceFirst("$1$2\\\\$3");
    }

    /** An inline code span, safe in a table cell. */
    static String code(String text) {
        String flat = text.replaceAll("[\r\n\t]+", " ").replace("|", "\\|");
        String fence = "`".repeat(longestBacktickRun(flat) + 1);
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /** A fenced block; its fence is longer than any backtick run inside, so the text cannot close it. */
    static String fence(String text) {
        String fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
        return fence + "\n" + text.strip() + "\n" + fence;
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) longest = Math.max(longest, m.group().length());
        return longest;
    }

    static final EscapingStrategy ESCAPING = input -> inline(input);

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("code", new SafeFilter(Markdown::code), "fence", new SafeFilter(Markdown::fence));
    }
}
