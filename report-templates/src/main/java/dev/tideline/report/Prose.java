package dev.tideline.report;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code prose} filter: rule documentation is written with Markdown's {@code `code`} and {@code **bold**};
 * the text is HTML-escaped first and only then are those two marks turned into elements, so nothing in the
 * text can become markup of its own.
 */
final class Prose extends AbstractExtension {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

    static String html(String text) {
        String escaped = escape(text);
        escaped = CODE.matcher(escaped).replaceAll("<code>$1</code>");
        return BOLD.matcher(escaped).replaceAll("<b>$1</b>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '$' -> out.append("&#36;"); // no regex group reference in the replacements above
                case '\\' -> out.append("&#92;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("prose", new SafeFilter(Prose::html));
    }
}
