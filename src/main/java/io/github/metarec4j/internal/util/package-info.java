/**
 * Helpers every layer shares: {@code Checks} (argument validation and how messages quote
 * input), {@code Decimals} (the grammar of numbers in text), {@code AtomicFiles},
 * {@code Crc32Trailer}, {@code Digests} (SHA-256), {@code Seeds} and {@code Permutations}
 * (seeded randomness), {@code StableHash} (FNV-1a), {@code TopK} and {@code Version}. Not API:
 * public only because other packages of the library use it, left out of the Javadoc, and free
 * to change or disappear in any release.
 */
package io.github.metarec4j.internal.util;
