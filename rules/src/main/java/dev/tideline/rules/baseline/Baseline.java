package dev.tideline.rules.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tideline.rules.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Findings accepted when a team adopts tideline on an existing repository. Each finding is keyed by rule, file and
 * a hash of its statement text with whitespace and comments normalised — not by line, so edits elsewhere in the
 * file do not resurrect it. Keys are counted, so a second identical finding in the same file is still new.
 */
public final class Baseline {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int FORMAT = 1;

    private final Map<Key, Integer> counts;

    record Key(String rule, String file, String statementHash) {}

    private Baseline(Map<Key, Integer> counts) {
        this.counts = counts;
    }

    public static Baseline read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.path("findings").isArray() || root.path("tideline-baseline").asInt() != FORMAT) {
            throw new IOException(file + ": not a tideline baseline (expected {\"tideline-baseline\": 1, \"findings\": [...]})");
        }
        Map<Key, Integer> counts = new HashMap<>();
        for (JsonNode n : root.get("findings")) {
            Key key = new Key(n.path("rule").asText(), n.path("file").asText(), n.path("statement").asText());
            if (key.rule().isEmpty() || key.file().isEmpty() || key.statementHash().isEmpty()) {
                throw new IOException(file + ": baseline entry lacks rule, file or statement: " + n);
            }
            counts.merge(key, Math.max(1, n.path("count").asInt(1)), Integer::sum);
        }
        return new Baseline(counts);
    }

    public static void write(Path file, List<Finding> findings) throws IOException {
        Map<String, Integer> sorted = new TreeMap<>();
        Map<String, Key> keys = new HashMap<>();
        for (Finding f : findings) {
            Key k = key(f);
            String order = k.file() + "\u0000" + k.rule() + "\u0000" + k.statementHash();
            sorted.merge(order, 1, Integer::sum);
            keys.put(order, k);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("tideline-baseline", FORMAT);
        ArrayNode arr = root.putArray("findings");
        for (Map.Entry<String, Integer> e : sorted.entrySet()) {
            Key k = keys.get(e.getKey());
            ObjectNode n = arr.addObject();
            n.put("rule", k.rule());
            n.put("file", k.file());
            n.put("statement", k.statementHash());
            if (e.getValue() > 1) n.put("count", e.getValue());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    /** The findings not covered by this baseline, in their original order. */
    public List<Finding> onlyNew(List<Finding> findings) {
        return onlyNew(findings, Path.of(""));
    }

    /** {@link #onlyNew(List)} for a baseline whose file names are relative to {@code baseDir} (a Maven module's). */
    public List<Finding> onlyNew(List<Finding> findings, Path baseDir) {
        Map<Key, Integer> left = new HashMap<>(counts);
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            Key k = new Key(f.rule(), fileKey(f.file(), baseDir), hash(normalise(f.statement())));
            int n = left.getOrDefault(k, 0);
            if (n > 0) {
                left.put(k, n - 1);
            } else {
                out.add(f);
            }
        }
        return out;
    }

    static Key key(Finding f) {
        return new Key(f.rule(), fileKey(f.file(), Path.of("")), hash(normalise(f.statement())));
    }

    /** Relative to the base directory when under it, with '/' separators, so baselines travel between machines. */
    static String fileKey(Path file, Path baseDir) {
        Path p = file.normalize();
        if (p.isAbsolute()) {
            Path base = baseDir.toAbsolutePath().normalize();
            if (p.startsWith(base)) p = base.relativize(p);
        }
        return p.toString().replace('\\', '/');
    }

    /** Drops comments, folds whitespace and case so reformatting a statement keeps its key. */
    static String normalise(String sql) {
        if (sql == null) return "";
        String noComments = sql.replaceAll("(?m)--.*$", " ").replaceAll("(?s)/\\*.*?\\*/", " ");
        return noComments.replaceAll("\\s+", " ").trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
