package io.github.metarec4j.internal.util;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, which every Java platform must provide: one place that turns its checked "missing"
 * exception into an error. Stateless; thread-safe (each call returns a new digest).
 */
public final class Digests {

    private Digests() {
    }

    /** A new SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256, which every Java platform must provide",
                    e);
        }
    }
}
