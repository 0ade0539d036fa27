package dev.tideline.analyzer;

import dev.tideline.analyzer.schema.SchemaReplay;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Earlier migrations' analysis and replayed schema, kept between analyses in one long-lived process (a language server,
 * a daemon): linting the newest file of a long history then replays only that file. A checkpoint is found by a key
 * made of the analyzer's options and each earlier file's path and content digest, so an edited, added or removed
 * earlier file is a miss, never a stale answer. A one-shot CLI run uses none.
 */
public interface ReplayCache {
    /** What {@code file} holds now, as a digest (a file that changed gets another one). */
    byte[] digest(Path file) throws IOException;

    /** The checkpoint stored under {@code key}, or null. */
    Checkpoint get(String key);

    void put(String key, Checkpoint checkpoint);

    /** A cache in memory keeping the {@code checkpoints} most recently used checkpoints. */
    static ReplayCache inMemory(int checkpoints) {
        return new MemoryReplayCache(checkpoints);
    }

    /** The replay-only files of a migration set analysed, and the schema they leave, never written to again. */
    final class Checkpoint {
        final List<FileAnalysis> files;
        final SchemaReplay replay;

        Checkpoint(List<FileAnalysis> files, SchemaReplay replay) {
            this.files = List.copyOf(files);
            this.replay = replay;
        }
    }
}
