package dev.tideline.trace.db;

import dev.tideline.trace.TraceException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A folder only the current user can change, for what tideline later runs (the PostgreSQL binaries): created with mode
 * 0700; one that exists is used only if it is a real folder owned by this user that neither group nor others can write,
 * and no folder above it lets another user swap it: each is owned by this user or root and not writable by others
 * without the sticky bit (group-writable folders of this user's own are accepted above it: with per-user groups, the
 * usual umask 002 makes them). A folder of this user's that others could read is narrowed to 0700.
 */
final class PrivateDirectory {
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int GROUP_OR_OTHER_ANY = 0077;
    private static final int OTHER_WRITE = 0002;
    private static final int STICKY = 01000;

    private PrivateDirectory() {}

    /** The folder, made or checked as above; a {@link TraceException} says why one cannot be trusted. */
    static Path ensure(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        int me = currentUid();
        try {
            for (Path above = abs.getParent(); above != null; above = above.getParent()) {
                if (Files.exists(above)) checkAbove(above, me);
            }
            createMissing(abs);
            int uid = (Integer) Files.getAttribute(abs, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(abs, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) refuse(abs, "it is not a folder (a link or a file)");
            if (uid != me) refuse(abs, "it belongs to another user (uid " + uid + ")");
            if ((mode & GROUP_OR_OTHER_WRITE) != 0) refuse(abs, "other users can write into it (mode " + octal(mode) + ")");
            if ((mode & GROUP_OR_OTHER_ANY) != 0) Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
            return abs;
        } catch (IOException e) {
            throw new TraceException("cannot prepare the private folder " + abs + ": " + e.getMessage());
        }
    }

    private static void checkAbove(Path above, int me) throws IOException {
        int uid = (Integer) Files.getAttribute(above, "unix:uid");
        int mode = (Integer) Files.getAttribute(above, "unix:mode");
        if (uid != me && uid != 0) refuse(above, "it belongs to another user (uid " + uid + ")");
        boolean othersMayWrite = (mode & OTHER_WRITE) != 0 || (uid != me && (mode & GROUP_OR_OTHER_WRITE) != 0);
        if (othersMayWrite && (mode & STICKY) == 0) {
            refuse(above, "other users can write into it (mode " + octal(mode) + ") and so replace what is below");
        }
    }

    private static void createMissing(Path abs) throws IOException {
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) return;
        if (abs.getParent() != null) createMissing(abs.getParent());
        try {
            Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
            // made meanwhile, by another tideline or someone else: checked like any existing folder
        }
    }

    /** The effective user id of this process (the owner of its /proc entry). */
    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new TraceException("cannot tell which user runs tideline (" + e.getMessage() + "): the embedded"
                    + " PostgreSQL runs on Linux only; use --db URL");
        }
    }

    private static void refuse(Path dir, String why) {
        throw new TraceException(dir + " is not used for tideline's PostgreSQL binaries: " + why
                + ". Remove it (or fix its owner and mode), or set XDG_CACHE_HOME to a folder of your own");
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }
}
