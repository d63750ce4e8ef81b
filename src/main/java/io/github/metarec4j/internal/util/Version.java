package io.github.metarec4j.internal.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The library's version, from the build (a filtered resource), so it is right in tests and
 * in the jar alike. Read once; thread-safe.
 */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    /** This library's version, e.g. {@code 0.2.0-SNAPSHOT}. */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/io/github/metarec4j/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
