package dev.tideline.trace.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Empty directories for CREATE TABLESPACE, removed afterwards. */
final class TablespaceDirectories implements AutoCloseable {
    private final List<Path> made = new ArrayList<>();

    /** A new empty directory, handed to {@code owner} when given; null when that cannot be done here. */
    Path fresh(String owner) throws IOException {
        Path dir = Files.createTempDirectory("tideline-conformance-ts-");
        made.add(dir);
        if (owner == null) return dir;
        try {
            UserPrincipal user = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner);
            Files.setOwner(dir, user);
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            return null; // not root, or no such user
        }
    }

    @Override
    public void close() {
        for (Path dir : made) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort: a temporary directory
            }
        }
    }
}
