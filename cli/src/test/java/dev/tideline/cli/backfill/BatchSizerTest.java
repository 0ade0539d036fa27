package dev.tideline.cli.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BatchSizerTest {
    @Test
    void fastBatchesGrowAtMostTwofoldUpToTheMaximum() {
        BatchSizer sizer = new BatchSizer(1000, 200, 5000, 50);
        sizer.took(10);
        assertEquals(2000, sizer.size());
        sizer.took(100);
        assertEquals(4000, sizer.size());
        sizer.took(100);
        assertEquals(5000, sizer.size());
        assertEquals(50, sizer.pauseMs(), "an ordinary batch pauses the minimum");
    }

    @Test
    void slowBatchesShrinkAtMostByHalfAndPauseAsLongAsTheyTook() {
        BatchSizer sizer = new BatchSizer(4000, 200, 50_000, 50);
        sizer.took(300);
        assertEquals(2667, sizer.size());
        assertEquals(50, sizer.pauseMs());
        sizer.took(5_000);
        assertEquals(1334, sizer.size());
        assertEquals(5_000, sizer.pauseMs(), "a batch over twice its target gives traffic as long as it took");
    }

    @Test
    void aRetriedBatchIsHalvedButNeverEmpty() {
        BatchSizer sizer = new BatchSizer(3, 200, 50_000, 0);
        sizer.retried();
        assertEquals(1, sizer.size());
        sizer.retried();
        assertEquals(1, sizer.size());
    }

    @Test
    void withoutATargetEveryBatchKeepsItsSize() {
        BatchSizer sizer = new BatchSizer(1000, 0, 50, 100);
        sizer.took(1);
        sizer.retried();
        sizer.took(10_000);
        assertEquals(1000, sizer.size());
        assertEquals(100, sizer.pauseMs());
    }
}
