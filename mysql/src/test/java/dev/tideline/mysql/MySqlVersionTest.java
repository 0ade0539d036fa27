package dev.tideline.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MySqlVersionTest {
    @Test
    void readsServerVersionStrings() {
        MySqlVersion maria = MySqlVersion.parse("10.11.6-MariaDB-1:10.11.6+maria~ubu2204", MySqlVersion.Flavour.MYSQL);
        assertTrue(maria.isMariaDb());
        assertEquals("10.11.6", maria.toString());
        MySqlVersion mysql = MySqlVersion.parse("8.0.36", MySqlVersion.Flavour.MYSQL);
        assertFalse(mysql.isMariaDb());
        assertEquals(80036, mysql.commentNumber());
    }

    @Test
    void capabilitiesFollowTheVersionGates() {
        MySqlVersion old = MySqlVersion.parse("8.0.15", MySqlVersion.Flavour.MYSQL);
        MySqlVersion recent = MySqlVersion.parse("8.0.31", MySqlVersion.Flavour.MYSQL);
        assertTrue(old.supportsInstantAddColumn());
        assertFalse(old.supportsInstantAddColumnAnywhere());
        assertFalse(old.supportsInstantDropColumn());
        assertTrue(recent.supportsInstantDropColumn());
        assertFalse(MySqlVersion.parse("11.1", MySqlVersion.Flavour.MARIADB).supportsOnlineCopy());
        assertTrue(MySqlVersion.parse("11.4.5", MySqlVersion.Flavour.MARIADB).supportsOnlineCopy());
        assertEquals(64, recent.instantRowVersionLimit().getAsInt());
        assertTrue(MySqlVersion.parse("10.11", MySqlVersion.Flavour.MYSQL).instantRowVersionLimit().isEmpty());
        assertTrue(MySqlVersion.parse("8.0", MySqlVersion.Flavour.MYSQL).supportsInstantDropColumn());
    }

    @Test
    void refusesUnsupportedVersions() {
        assertThrows(IllegalArgumentException.class, () -> MySqlVersion.parse("5.7.44", MySqlVersion.Flavour.MYSQL));
        assertThrows(IllegalArgumentException.class, () -> MySqlVersion.parse("10.5.1", MySqlVersion.Flavour.MARIADB));
        assertThrows(IllegalArgumentException.class, () -> MySqlVersion.parse("latest", MySqlVersion.Flavour.MYSQL));
    }
}
