package dev.tideline.trace.db;

import dev.tideline.trace.TraceException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGEnvironment;
import org.postgresql.jdbcurlresolver.PgPassParser;

/**
 * Where to connect: a {@code jdbc:postgresql://} URL split into a credential-free part and the credentials, which come
 * from the URL, then {@code PGPASSWORD}, then {@code ~/.pgpass} (or {@code PGPASSFILE}). {@link #display()} is the only
 * form ever shown to a user, and every error message passes through {@link #mask(String)}.
 */
public final class ConnectionSpec {
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://(?:([^@/?]*)@)?([^/?]*)(?:/([^?]*))?(?:\\?(.*))?");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)(?!\\*\\*\\*)[^&\\s]*");

    private final String hosts;
    private final String database;
    private final Map<String, String> params;
    private final String user;
    private final String password;
    /** Why the password file was not used, or null. */
    private final String pgpassRefused;

    private ConnectionSpec(String hosts, String database, Map<String, String> params, String user, String password,
                           String pgpassRefused) {
        this.pgpassRefused = pgpassRefused;
        this.hosts = hosts;
        this.database = database;
        this.params = params;
        this.user = user;
        this.password = password;
    }

    public static ConnectionSpec parse(String jdbcUrl, Map<String, String> env) {
        Matcher m = URL.matcher(jdbcUrl == null ? "" : jdbcUrl.trim());
        if (!m.matches()) {
            throw new TraceException("not a PostgreSQL JDBC URL: " + maskUrl(String.valueOf(jdbcUrl))
                    + " (expected jdbc:postgresql://host[:port]/database[?user=…])");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (m.group(4) != null && !m.group(4).isEmpty()) {
            for (String pair : m.group(4).split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                params.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        String user = params.remove("user");
        String password = params.remove("password");
        if (m.group(1) != null) { // user[:password]@host, which the driver itself does not accept
            String[] userInfo = m.group(1).split(":", 2);
            if (user == null) user = decode(userInfo[0]);
            if (password == null && userInfo.length > 1) password = decode(userInfo[1]);
        }
        String hosts = m.group(2).isEmpty() ? "localhost" : m.group(2);
        String database = m.group(3) == null || m.group(3).isEmpty() ? null : decode(m.group(3));
        if (user == null) user = env.getOrDefault("PGUSER", System.getProperty("user.name"));
        if (database == null) database = user;
        if (password == null) password = env.get("PGPASSWORD");
        List<String> refused = new ArrayList<>();
        if (password == null) password = fromPgpass(env, hosts, database, user, refused);
        return new ConnectionSpec(hosts, database, params, user, password, refused.isEmpty() ? null : refused.get(0));
    }

    /** The same server and credentials, another database. */
    public ConnectionSpec withDatabase(String otherDatabase) {
        return new ConnectionSpec(hosts, otherDatabase, params, user, password, pgpassRefused);
    }

    /** The same server and database, logged in as another user with its own password. */
    public ConnectionSpec withLogin(String otherUser, String otherPassword) {
        return new ConnectionSpec(hosts, database, params, otherUser, otherPassword, null);
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** The URL as shown to users: never the password. */
    public String display() {
        return "jdbc:postgresql://" + hosts + "/" + database + "?user=" + user + (password == null ? "" : "&password=***");
    }

    public Connection connect() {
        Properties props = new Properties();
        props.putAll(params);
        props.setProperty("user", user);
        if (password != null) props.setProperty("password", password);
        // Without a password pgJDBC reads the password file itself: keep it from reading one refused above.
        else if (pgpassRefused != null) props.setProperty("password", "");
        props.putIfAbsent("connectTimeout", "5");
        props.putIfAbsent("ApplicationName", "tideline trace");
        // The extended protocol, whatever the URL says: the server then refuses a text that holds more than one statement.
        props.setProperty("preferQueryMode", "extended");
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + hosts + "/" + database, props);
        } catch (SQLException e) {
            throw new TraceException("cannot connect to " + display() + ": " + mask(e.getMessage())
                    + (pgpassRefused == null ? "" : " (" + pgpassRefused + ")"));
        }
    }

    /** Removes the password from any text before it is shown. */
    public String mask(String text) {
        if (text == null) return null;
        String masked = maskText(text);
        return password == null || password.isEmpty() ? masked : masked.replace(password, "***");
    }

    private static String maskText(String text) {
        return PASSWORD_PARAM.matcher(text).replaceAll("$1***").replaceAll("(//[^:/@\\s]*:)(?!\\*\\*\\*@)[^@/\\s]*@", "$1***@");
    }

    /**
     * A whole URL with its passwords masked: a password runs to the next {@code &} (or the end), and the user-info one to
     * the last {@code @}, so a password holding a space or other odd characters is masked whole.
     */
    private static String maskUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("^([^/]*//[^:/@]*:)[^/]*@", "$1***@");
    }

    /** A %-decoded URL part; a bad escape is reported without the text, which may be the password. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new TraceException("the JDBC URL has a bad %-escape (a % not followed by two hex digits); write a % as %25");
        }
    }

    /**
     * The password from the password file, read by pgJDBC's own parser (the file pgJDBC would read: the
     * {@code org.postgresql.pgpassfile} property, else {@code PGPASSFILE}, else {@code ~/.pgpass}). Like libpq, a file
     * that group or others may read or write is not used: anyone who can change it chooses the password tideline sends.
     *
     * @param refused receives why the file was not used
     */
    private static String fromPgpass(Map<String, String> env, String hosts, String database, String user, List<String> refused) {
        Path file = pgpassFile(env);
        if (file == null || !Files.exists(file)) return null;
        if (!Files.isRegularFile(file) || openToOthers(file)) {
            refused.add(file + " was not used: it is not a regular file with permissions u=rw (0600) or less, as libpq requires");
            return null;
        }
        String firstHost = hosts.split(",")[0];
        String host = firstHost.replaceFirst(":\\d+$", "").replaceAll("^\\[|]$", "");
        String port = firstHost.matches(".*:\\d+$") ? firstHost.replaceFirst(".*:", "") : "5432";
        return PgPassParser.getPassword(host, port, database, user);
    }

    private static Path pgpassFile(Map<String, String> env) {
        String named = System.getProperty(PGEnvironment.ORG_POSTGRESQL_PGPASSFILE.getName());
        if (named == null || named.isBlank()) named = env.get(PGEnvironment.PGPASSFILE.getName());
        try {
            if (named != null && !named.isBlank()) return Path.of(named.trim());
            return Path.of(System.getProperty("user.home"), ".pgpass");
        } catch (InvalidPathException e) {
            return null; // pgJDBC would fail to open it too
        }
    }

    private static boolean openToOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.stream().anyMatch(x -> !x.name().startsWith("OWNER_"));
        } catch (UnsupportedOperationException | IOException e) {
            return false; // no POSIX permissions (Windows): libpq does not check there either
        }
    }
}
