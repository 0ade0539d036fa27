package dev.tideline.report;

import java.io.Writer;

/** Collects at most {@code limit} characters and fails fast past it, so an oversized render stops early. */
final class LimitedWriter extends Writer {
    static final class Overflow extends RuntimeException {
        Overflow() {
            super(null, null, false, false);
        }
    }

    private final StringBuilder text = new StringBuilder();
    private final int limit;

    LimitedWriter(int limit) {
        this.limit = limit;
    }

    @Override
    public void write(char[] buf, int off, int len) {
        if (text.length() + len > limit) throw new Overflow();
        text.append(buf, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
        return text.toString();
    }
}
