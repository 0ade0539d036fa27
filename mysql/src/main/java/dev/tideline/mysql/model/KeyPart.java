package dev.tideline.mysql.model;

/**
 * One part of an index key: a column, with a prefix length ({@code name(10)}) or not, or a functional key part
 * ({@code ((lower(email)))}, MySQL 8.0.13), whose {@code expression} is set and {@code column} null.
 */
public record KeyPart(String column, Integer prefixLength, String expression, boolean descending) {
    public boolean isFunctional() {
        return expression != null;
    }
}
