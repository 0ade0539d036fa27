/** The MySQL 8 and MariaDB wing: everything tideline knows about these engines lives under this package. */
package dev.tideline.mysql;
