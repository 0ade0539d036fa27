package dev.tideline.trace.db;

import dev.tideline.trace.TraceException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private ConnectionSpec(String hosts, String database, Map<String, String> params, String user, String password) {
        this.hosts = hosts;
        this.database = database;
        this.params = params;
        this.user = user;
        this.password = password;
    }

    public static ConnectionSpec parse(String jdbcUrl, Map<String, String> env) {
        Matcher m = URL.matcher(jdbcUrl == null ? "" : jdbcUrl.trim());
        if (!m.matches()) {
            throw new TraceException("not a PostgreSQL JDBC URL: " + maskText(String.valueOf(jdbcUrl))
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
        if (password == null) password = fromPgpass(env, hosts, database, user);
        return new ConnectionSpec(hosts, database, params, user, password);
    }

    /** The same server and credentials, another database. */
    public ConnectionSpec withDatabase(String otherDatabase) {
        return new ConnectionSpec(hosts, otherDatabase, params, user, password);
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
        props.putIfAbsent("connectTimeout", "5");
        props.putIfAbsent("ApplicationName", "tideline trace");
        // The extended protocol, whatever the URL says: the server then refuses a text that holds more than one statement.
        props.setProperty("preferQueryMode", "extended");
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + hosts + "/" + database, props);
        } catch (SQLException e) {
            throw new TraceException("cannot connect to " + display() + ": " + mask(e.getMessage()));
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

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** libpq's password file: {@code host:port:database:user:password}, {@code *} matches anything, {@code \} escapes. */
    private static String fromPgpass(Map<String, String> env, String hosts, String database, String user) {
        Path file = env.containsKey("PGPASSFILE") ? Path.of(env.get("PGPASSFILE"))
                : Path.of(System.getProperty("user.home"), ".pgpass");
        if (!Files.isRegularFile(file)) return null;
        String firstHost = hosts.split(",")[0];
        String host = firstHost.replaceFirst(":\\d+$", "").replaceAll("^\\[|]$", "");
        String port = firstHost.matches(".*:\\d+$") ? firstHost.replaceFirst(".*:", "") : "5432";
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                List<String> f = pgpassFields(line);
                if (f.size() < 5) continue;
                if (matches(f.get(0), host) && matches(f.get(1), port) && matches(f.get(2), database)
                        && matches(f.get(3), user)) {
                    return f.get(4);
                }
            }
        } catch (IOException e) {
            return null; // libpq too ignores an unreadable password file
        }
        return null;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value)
                || (pattern.equals("localhost") && (value.equals("127.0.0.1") || value.equals("::1")));
    }

    private static List<String> pgpassFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }
}
