package dev.tideline.mysql.servers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The MySQL and MariaDB servers tests can run on. The embedded ones come from Maven Central jars that
 * {@code mysql/pom.xml} unpacks into {@code target/mysql-servers}; {@link #MARIADB_SYSTEM} is the machine's server on
 * 127.0.0.1:3306 (root, no password), which {@code .ci/run} starts.
 */
public enum ServerKind {
    MYSQL_8_0_31("mysql-8.0.31"),
    MYSQL_8_0_15("mysql-8.0.15"),
    MARIADB_11_4_5("mariadb-11.4.5"),
    MARIADB_10_11_5("mariadb-10.11.5"),
    MARIADB_SYSTEM("mariadb-system");

    private final String id;

    ServerKind(String id) {
        this.id = id;
    }

    /** The name used in {@code -Dtideline.mysql.servers=…} and in reports, e.g. {@code mysql-8.0.31}. */
    public String id() {
        return id;
    }

    public boolean isMySql() {
        return id.startsWith("mysql-");
    }

    /** The servers this run was asked for ({@code tideline.mysql.servers}, comma-separated ids). */
    public static List<ServerKind> selected() {
        String names = System.getProperty("tideline.mysql.servers", "mysql-8.0.31,mysql-8.0.15,mariadb-system,mariadb-11.4.5");
        return Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(ServerKind::byId).toList();
    }

    public static ServerKind byId(String id) {
        for (ServerKind k : values()) {
            if (k.id.equals(id.toLowerCase(Locale.ROOT))) return k;
        }
        throw new IllegalArgumentException("unknown server '" + id + "': one of " + Arrays.stream(values()).map(ServerKind::id).toList());
    }
}
