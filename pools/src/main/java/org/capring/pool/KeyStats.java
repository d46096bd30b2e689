package org.capring.pool;

/**
 * One key's counts at one moment (see {@link KeyedPool#stats()}). {@code leased + idle + closing + connecting}
 * equals {@code permits}, which never exceeds {@link PoolConfig#maxPerKey()}.
 *
 * @param id         the key's id in metrics labels
 * @param leased     connections lent out
 * @param idle       connections in the pool, ready (including one being health-checked)
 * @param connecting connects in progress
 * @param closing    connections being closed whose permit is not yet given back
 * @param waiting    acquires of this key waiting
 * @param permits    permits held: connections plus connects in progress
 */
public record KeyStats(String id, int leased, int idle, int connecting, int closing, int waiting, int permits) {
}
