package dev.tideline.mysql.effects;

/**
 * One metadata-lock moment of a statement on its table. An EXCLUSIVE phase waits for every open transaction that has
 * touched the table, and every later query on the table queues behind it while it waits.
 *
 * @param lock   the metadata lock: {@code EXCLUSIVE}, {@code SHARED_UPGRADABLE}, {@code SHARED_NO_WRITE}
 * @param during {@code start}, {@code build} (the length of the work) or {@code commit}
 */
public record MdlPhase(String lock, String during) {}
