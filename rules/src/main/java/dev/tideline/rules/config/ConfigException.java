package dev.tideline.rules.config;

/** A configuration file that cannot be used; the message starts with {@code file:line:col:}. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
