package io.github.metarec4j.eval;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.StableHash;

/**
 * How the cold-start protocol turns a user or item id into the whole number its rules work
 * on: the role rule ({@code key % 5 == 0} makes a new user or a new item), the order of a
 * user's ratings within one timestamp ({@code (timestamp, item key)}) and the ranking
 * tie-break ({@code h(item key)}, see {@link Ranking}).
 *
 * <p>An enum: immutable and thread-safe.
 */
public enum IdKey {

    /**
     * The id is a whole number written in decimal (MovieLens: {@code "1"}, {@code "2"}, ...),
     * and the key is that number: the rules of PROTOCOL.md exactly. An id that is not a whole
     * number in the range of {@code long} is an error that names the rule.
     */
    INTEGER {
        @Override
        public long of(String id, String what) {
            Checks.notNull(id, what);
            try {
                return Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the CS100K protocol assigns roles by integer id (a " + what
                        + " is new when its id % 5 == 0, and ties are broken by h(item id)), but " + what + " '"
                        + id + "' is not a whole number; renumber the ids, or split with "
                        + "ColdStartProtocol.cs100k().withIdKey(IdKey.STABLE_HASH), which applies the same "
                        + "rules to a stable hash of each id", e);
            }
        }
    },

    /**
     * For ids that are not numbers: the key is the 32-bit FNV-1a hash of the id's UTF-8
     * bytes, as an unsigned number in {@code [0, 2^32)} ({@link StableHash#fnv1a32}: offset
     * basis {@code 2166136261}, prime {@code 16777619}; for each byte:
     * {@code hash = (hash XOR byte) * prime mod 2^32}).
     * Stable across runs, machines and languages, so every implementation of the protocol
     * picks the same roles; about one id in five is new, as with integer ids. On integer ids
     * it gives other roles than {@link #INTEGER}, so results on MovieLens are comparable with
     * PROTOCOL.md's only under {@link #INTEGER}.
     */
    STABLE_HASH {
        @Override
        public long of(String id, String what) {
            return StableHash.fnv1a32(Checks.notNull(id, what));
        }
    };

    /**
     * The key of {@code id}.
     *
     * @param what "user" or "item", for the error message
     * @throws IllegalArgumentException if this rule cannot key {@code id} (the message names the rule)
     */
    public abstract long of(String id, String what);
}
