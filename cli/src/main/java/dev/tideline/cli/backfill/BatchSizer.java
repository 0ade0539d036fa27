package dev.tideline.cli.backfill;

/**
 * Sizes each backfill batch to a target time instead of a fixed row count: a batch that ran faster than the target
 * makes the next one larger, a slower one smaller (at most twice or half the last size at a time, so one odd batch
 * cannot swing the walk), never more than the maximum. A retried batch (lock timeout, deadlock, statement timeout) is
 * halved. The pause after a batch is the minimum pause, unless the batch took over twice its target: the server is
 * busy, so traffic gets as long as the batch took before the next one.
 */
public final class BatchSizer {
    private final int targetMs;
    private final int maxSize;
    private final int minPauseMs;
    private int size;
    private long lastMs;

    /**
     * @param firstSize  the first batch's rows (and every batch's when {@code targetMs} is 0)
     * @param targetMs   the time a batch should take; 0 keeps every batch at {@code firstSize}
     * @param maxSize    the largest batch
     * @param minPauseMs the pause after each batch at the least
     */
    public BatchSizer(int firstSize, int targetMs, int maxSize, int minPauseMs) {
        this.targetMs = targetMs;
        this.maxSize = Math.max(1, maxSize);
        this.minPauseMs = minPauseMs;
        this.size = targetMs == 0 ? firstSize : Math.max(1, Math.min(firstSize, this.maxSize));
    }

    public int size() {
        return size;
    }

    /** A batch of {@link #size()} rows committed after {@code elapsedMs}. */
    public void took(long elapsedMs) {
        lastMs = elapsedMs;
        if (targetMs == 0) return;
        double factor = Math.max(0.5, Math.min(2.0, (double) targetMs / Math.max(1, elapsedMs)));
        size = (int) Math.max(1, Math.min(maxSize, Math.round(size * factor)));
    }

    /** The batch failed on a lock timeout, deadlock or statement timeout and is tried again. */
    public void retried() {
        if (targetMs > 0) size = Math.max(1, size / 2);
    }

    /** How long to pause after the last batch. */
    public long pauseMs() {
        return targetMs > 0 && lastMs > 2L * targetMs ? Math.max(minPauseMs, lastMs) : minPauseMs;
    }
}
