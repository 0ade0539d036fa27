package dev.tideline.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration options as users write them: {@code 500ms}, {@code 2s}, {@code 1min} (a bare number is milliseconds). */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|min)?");

    private Durations() {}

    static int millis(String option, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new Main.UserError(option + ": '" + value + "' is not a duration (e.g. 100ms, 2s, 1min)");
        long n = Long.parseLong(m.group(1));
        long ms = m.group(2) == null || m.group(2).equals("ms") ? n : m.group(2).equals("s") ? n * 1000 : n * 60_000;
        if (ms > Integer.MAX_VALUE) throw new Main.UserError(option + ": '" + value + "' is too long");
        return (int) ms;
    }
}
