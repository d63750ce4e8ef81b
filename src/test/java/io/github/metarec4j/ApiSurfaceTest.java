package io.github.metarec4j;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The line between API and engine (issue 9): the API packages' public types, how many there
 * are, and that no public signature of theirs names an engine type or an ND4J or DL4J type, so
 * that the engine and the libraries under it can change without breaking an application.
 */
class ApiSurfaceTest {

    private static final String ROOT = "io.github.metarec4j";

    /** The packages an application may use (module-info and the Javadoc list the same). */
    static final Set<String> API_PACKAGES = Set.of(ROOT, ROOT + ".data", ROOT + ".model", ROOT + ".meta", ROOT + ".io",
            ROOT + ".eval");

    @Test
    void everyPackageIsAnApiPackageOrInternal() throws Exception {
        for (Class<?> type : mainClasses()) {
            String pkg = type.getPackageName();
            assertTrue(API_PACKAGES.contains(pkg) || pkg.startsWith(ROOT + ".internal."),
                    type.getName() + " is in " + pkg + ", neither an API package nor under internal");
        }
    }

    /**
     * At most 31 public top-level types outside {@code eval}: 30 until the scale issue, and
     * {@code data.Gowalla}, the reader of its million real interactions, as the 31st (a reader
     * per data set, as {@code Douban} and {@code LastFm}).
     */
    @Test
    void atMostThirtyOnePublicTypesOutsideEval() throws Exception {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : mainClasses()) {
            if (isApi(type) && !type.getPackageName().equals(ROOT + ".eval") && type.getEnclosingClass() == null) {
                names.add(type.getName().substring(ROOT.length() + 1));
            }
        }
        System.out.println("[api] " + names.size() + " public top-level types outside eval: " + names);
        assertTrue(names.contains("data.Gowalla"), "the Gowalla reader is public: " + names);
        assertTrue(names.size() <= 31, names.size() + " public types outside eval: " + names);
    }

    @Test
    void noPublicSignatureNamesAnEngineOrNd4jType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : mainClasses()) {
            if (!isApi(type)) {
                continue;
            }
            check(type.getGenericSuperclass(), type.getName() + " extends", leaks);
            for (Type t : type.getGenericInterfaces()) {
                check(t, type.getName() + " implements", leaks);
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    check(f.getGenericType(), type.getName() + "." + f.getName(), leaks);
                }
            }
            List<Executable> members = new ArrayList<>(List.of(type.getDeclaredMethods()));
            members.addAll(List.of(type.getDeclaredConstructors()));
            for (Executable e : members) {
                if (!visible(e.getModifiers()) || e.isSynthetic()) {
                    continue;
                }
                String where = type.getName() + "." + (e instanceof Constructor ? "<init>" : e.getName());
                if (e instanceof Method m) {
                    check(m.getGenericReturnType(), where + " returns", leaks);
                }
                for (Type p : e.getGenericParameterTypes()) {
                    check(p, where + " takes", leaks);
                }
                for (Type x : e.getGenericExceptionTypes()) {
                    check(x, where + " throws", leaks);
                }
            }
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    check(c.getGenericType(), type.getName() + "." + c.getName(), leaks);
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    /** Public, or protected in a class that can be extended, and in an API package, nested types too. */
    private static boolean isApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return API_PACKAGES.contains(type.getPackageName());
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(Type t, String where, List<String> leaks) {
        if (t == null) {
            return;
        }
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            String name = c.getName();
            if (name.startsWith(ROOT + ".internal.") || name.startsWith("org.nd4j.") || name.startsWith("org.deeplearning4j.")
                    || name.startsWith("org.bytedeco.")) {
                leaks.add(where + " " + name);
            }
        } else if (t instanceof ParameterizedType p) {
            check(p.getRawType(), where, leaks);
            for (Type a : p.getActualTypeArguments()) {
                check(a, where, leaks);
            }
        } else if (t instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).forEach(b -> check(b, where, leaks));
        } else if (t instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                check(b, where, leaks);
            }
        } else if (t instanceof java.lang.reflect.GenericArrayType g) {
            check(g.getGenericComponentType(), where, leaks);
        }
    }

    /** Every class compiled from src/main/java (target/classes), loaded without initialising it. */
    static List<Class<?>> mainClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(MetaRecommender.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class")
                    && !f.getFileName().toString().equals("package-info.class")).sorted().toList();
        }
        for (Path f : files) {
            String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
            name = name.substring(0, name.length() - ".class".length());
            out.add(Class.forName(name, false, ApiSurfaceTest.class.getClassLoader()));
        }
        assertTrue(out.size() > 50, "found only " + out.size() + " classes under " + classes);
        return out;
    }
}
