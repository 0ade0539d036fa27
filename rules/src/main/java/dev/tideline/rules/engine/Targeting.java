package dev.tideline.rules.engine;

import dev.tideline.rules.config.TidelineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps findings to the files the user asked about: excluded paths and, in pull-request mode, files unchanged since
 * the ref are still replayed for the schema model but no longer targeted. Counts, across sets linted in parallel,
 * the named files and how many the exclude patterns removed: patterns that remove everything named make a run that
 * checks nothing, which must not pass for a clean one.
 */
public final class Targeting {
    private final TidelineConfig settings;
    private final Set<Path> changed;
    private final AtomicInteger named = new AtomicInteger();
    private final AtomicInteger excluded = new AtomicInteger();

    /** @param changed the real paths of files changed since the ref, or null when every named file counts */
    public Targeting(TidelineConfig settings, Set<Path> changed) {
        this.settings = settings;
        this.changed = changed;
    }

    /** Whether a file gets findings; {@code named}: the inputs named it (else it is only replayed). */
    public boolean targeted(Path file, boolean named) {
        if (!named) return false;
        this.named.incrementAndGet();
        if (settings.excluded(file)) {
            excluded.incrementAndGet();
            return false;
        }
        return changed == null || changed.contains(real(file));
    }

    /** Files were named and the exclude patterns removed every one. */
    public boolean excludedEverything() {
        return named.get() > 0 && excluded.get() == named.get();
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException | UncheckedIOException e) {
            return file.toAbsolutePath().normalize();
        }
    }
}
