package dev.tideline.trace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tideline.trace.TraceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's binaries live in a folder only this user can change: made 0700; a planted folder (another
 * user's, writable by others, a link, or below a folder others can write) is refused and nothing in it is run.
 */
class PrivateCacheTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void theCacheIsMade0700AndTheBinariesAreUnpackedIntoIt(@TempDir Path home) throws IOException {
        Path cache = home.resolve("cache/tideline/postgres");
        PostgresBinaries binaries = new PostgresBinaries(QUIET);
        Path installed = binaries.install(binaries.bundledMajor(), cache);
        assertEquals(0700, mode(cache));
        assertEquals(0700, mode(installed));
        assertEquals(cache, installed.getParent());
        assertTrue(Files.isExecutable(installed.resolve("bin/postgres")));
        assertEquals(0700, mode(installed.resolve("bin/postgres")), "no group or other bits on what is run");
        assertEquals(installed, binaries.install(binaries.bundledMajor(), cache), "reused, not unpacked again");
    }

    @Test
    void aFolderLeftHalfUnpackedByAKilledRunIsRemovedAndARecentOneIsNot(@TempDir Path home) throws IOException {
        Path cache = PrivateDirectory.ensure(home.resolve("postgres"));
        Path killed = Files.createDirectories(cache.resolve("16.9.0.partial-123/bin"));
        Files.setLastModifiedTime(killed.getParent(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path unpacking = Files.createDirectory(cache.resolve("16.9.0.partial-456"));
        PostgresBinaries binaries = new PostgresBinaries(QUIET);
        binaries.install(binaries.bundledMajor(), cache);
        assertFalse(Files.exists(killed.getParent()));
        assertTrue(Files.exists(unpacking), "may belong to a run unpacking right now");
    }

    @Test
    void aPlantedWorldWritableFolderIsRefusedAndNothingInItRuns(@TempDir Path home) throws IOException {
        PostgresBinaries binaries = new PostgresBinaries(QUIET);
        Path cache = home.resolve("postgres");
        Path planted = plantBinaries(cache, binaries.fullVersion(binaries.bundledMajor()));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        TraceException e = assertThrows(TraceException.class, () -> binaries.install(binaries.bundledMajor(), cache));
        assertTrue(e.getMessage().contains("other users can write into it (mode 0777)"), e.getMessage());
        assertTrue(Files.exists(planted.resolve("bin/postgres")), "left as found");
        assertFalse(Files.exists(cache.resolve("ran")), "the planted program never ran");
    }

    @Test
    void aFolderOfAnotherUserIsRefused(@TempDir Path home) throws IOException {
        assumeTrue(PrivateDirectory.currentUid() == 0, "handing a folder to another user needs root");
        Path cache = Files.createDirectory(home.resolve("postgres"));
        Files.setOwner(cache, cache.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
        TraceException e = assertThrows(TraceException.class, () -> PrivateDirectory.ensure(cache));
        assertTrue(e.getMessage().contains("belongs to another user"), e.getMessage());
        Path under = Files.createDirectory(home.resolve("theirs"));
        Files.setOwner(under, cache.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        e = assertThrows(TraceException.class, () -> PrivateDirectory.ensure(under.resolve("tideline")));
        assertTrue(e.getMessage().contains(under + " is not used"), "a folder above that another user owns: " + e.getMessage());
    }

    @Test
    void aLinkAFolderBelowAnOpenFolderAndAGroupWritableFolderAreRefused(@TempDir Path home) throws IOException {
        Path real = Files.createDirectory(home.resolve("real"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(home.resolve("link"), real);
        assertTrue(assertThrows(TraceException.class, () -> PrivateDirectory.ensure(link)).getMessage().contains("not a folder"));

        Path open = Files.createDirectory(home.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        TraceException e = assertThrows(TraceException.class, () -> PrivateDirectory.ensure(open.resolve("tideline/postgres")));
        assertTrue(e.getMessage().startsWith(open + " is not used"), e.getMessage());
        assertFalse(Files.exists(open.resolve("tideline")), "nothing is made below a folder others can write");

        Path groupWritable = Files.createDirectory(home.resolve("group"));
        Files.setPosixFilePermissions(groupWritable, PosixFilePermissions.fromString("rwxrwx---"));
        assertThrows(TraceException.class, () -> PrivateDirectory.ensure(groupWritable));
    }

    @Test
    void anOwnReadableFolderIsNarrowedTo0700AndAStickyTmpAboveIsAccepted(@TempDir Path home) throws IOException {
        Path mine = Files.createDirectory(home.resolve("mine"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(mine, PrivateDirectory.ensure(mine));
        assertEquals(0700, mode(mine));
        Path sticky = Files.createDirectory(home.resolve("tmp"));
        Files.setPosixFilePermissions(sticky, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        assertEquals(0700, mode(PrivateDirectory.ensure(sticky.resolve("mine"))));
    }

    @Test
    void anArchiveEntryOrLinkLeadingOutsideTheFolderIsRefused(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        IOException e = assertThrows(IOException.class, () -> PostgresBinaries.unpack(txz("../escaped", null), root));
        assertTrue(e.getMessage().contains("outside its folder"), e.getMessage());
        e = assertThrows(IOException.class, () -> PostgresBinaries.unpack(txz("lib/libpq.so", "../../escaped"), root));
        assertTrue(e.getMessage().contains("outside its folder"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("escaped")));
    }

    private static Path plantBinaries(Path cache, String version) throws IOException {
        Path planted = Files.createDirectories(cache.resolve(version).resolve("bin"));
        Files.createFile(cache.resolve(version).resolve(".complete"));
        Path script = Files.writeString(planted.resolve("postgres"), "#!/bin/sh\ntouch " + cache.resolve("ran") + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwxrwx"));
        return cache.resolve(version);
    }

    /** A one-entry .txz: a file, or a symbolic link when {@code linkTarget} is given. */
    private static ByteArrayInputStream txz(String name, String linkTarget) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(bytes))) {
            byte[] body = "x".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = linkTarget == null ? new TarArchiveEntry(name) : new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            if (linkTarget == null) entry.setSize(body.length);
            else entry.setLinkName(linkTarget);
            tar.putArchiveEntry(entry);
            if (linkTarget == null) tar.write(body);
            tar.closeArchiveEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode") & 0777;
    }
}
