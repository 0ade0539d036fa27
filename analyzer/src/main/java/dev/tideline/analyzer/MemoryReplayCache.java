package dev.tideline.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link ReplayCache} in memory: the most recently used checkpoints, and each file's SHA-256 remembered with the size,
 * modification time and identity it had, so an unchanged history costs one stat per file instead of a read.
 */
final class MemoryReplayCache implements ReplayCache {
    private record Digest(long size, long modified, Object fileKey, byte[] sha256) {}

    private final Map<Path, Digest> digests = new ConcurrentHashMap<>();
    private final Map<String, Checkpoint> checkpoints;

    MemoryReplayCache(int max) {
        if (max < 1) throw new IllegalArgumentException("a replay cache keeps at least one checkpoint");
        checkpoints = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Checkpoint> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    public byte[] digest(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        BasicFileAttributes a = Files.readAttributes(key, BasicFileAttributes.class);
        long modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Digest known = digests.get(key);
        if (known != null && known.size() == a.size() && known.modified() == modified
                && Objects.equals(known.fileKey(), a.fileKey())) {
            return known.sha256();
        }
        byte[] sha256 = sha256().digest(Files.readAllBytes(key));
        digests.put(key, new Digest(a.size(), modified, a.fileKey(), sha256));
        return sha256;
    }

    @Override
    public synchronized Checkpoint get(String key) {
        return checkpoints.get(key);
    }

    @Override
    public synchronized void put(String key, Checkpoint checkpoint) {
        checkpoints.put(key, checkpoint);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
