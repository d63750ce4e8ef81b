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
import java.util.function.BiConsumer;
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
            ROOT + ".eval", ROOT + ".spark");

    /**
     * The one API package whose signatures may name Spark's (and Scala's) types: it takes and
     * returns Spark tables ({@code Dataset<Row>}), which is its purpose. Spark is a provided,
     * optional dependency, so every other API package must stay free of it: an application
     * without Spark on its class path must be able to load them.
     */
    static final String SPARK_PACKAGE = ROOT + ".spark";

    @Test
    void everyPackageIsAnApiPackageOrInternal() throws Exception {
        for (Class<?> type : mainClasses()) {
            String pkg = type.getPackageName();
            assertTrue(API_PACKAGES.contains(pkg) || pkg.startsWith(ROOT + ".internal."),
                    type.getName() + " is in " + pkg + ", neither an API package nor under internal");
        }
    }

    /**
     * At most 31 public top-level types outside {@code eval} and {@code spark}: 30 until the scale
     * issue, and {@code data.Gowalla}, the reader of its million real interactions, as the 31st (a
     * reader per data set, as {@code Douban} and {@code LastFm}); at most 2 in {@code spark}.
     */
    @Test
    void atMostThirtyOnePublicTypesOutsideEvalAndTwoInSpark() throws Exception {
        Set<String> names = new TreeSet<>();
        Set<String> spark = new TreeSet<>();
        for (Class<?> type : mainClasses()) {
            if (isApi(type) && !type.getPackageName().equals(ROOT + ".eval") && type.getEnclosingClass() == null) {
                (type.getPackageName().equals(SPARK_PACKAGE) ? spark : names)
                        .add(type.getName().substring(ROOT.length() + 1));
            }
        }
        System.out.println("[api] " + names.size() + " public top-level types outside eval and spark: " + names
                + "; in spark: " + spark);
        assertTrue(names.contains("data.Gowalla"), "the Gowalla reader is public: " + names);
        assertTrue(names.size() <= 31, names.size() + " public types outside eval and spark: " + names);
        // the spark package is, like eval, an add-on an application of the core never meets (and cannot load
        // without Spark): counted on its own, a trainer and a batch recommender, the rest nested or package-private
        assertTrue(spark.size() <= 2, spark.size() + " public types in spark: " + spark);
    }

    @Test
    void noPublicSignatureNamesAnEngineOrNd4jType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : mainClasses()) {
            if (isApi(type)) {
                forEachSignatureType(type, (where, t) -> check(t, where, leaks));
            }
        }
        assertEquals(List.of(), leaks);
    }

    /** Every type in {@code type}'s visible signatures, with where it appears. */
    private static void forEachSignatureType(Class<?> type, BiConsumer<String, Type> visit) {
        visit.accept(type.getName() + " extends", type.getGenericSuperclass());
        for (Type t : type.getGenericInterfaces()) {
            visit.accept(type.getName() + " implements", t);
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers())) {
                visit.accept(type.getName() + "." + f.getName(), f.getGenericType());
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
                visit.accept(where + " returns", m.getGenericReturnType());
            }
            for (Type p : e.getGenericParameterTypes()) {
                visit.accept(where + " takes", p);
            }
            for (Type x : e.getGenericExceptionTypes()) {
                visit.accept(where + " throws", x);
            }
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                visit.accept(type.getName() + "." + c.getName(), c.getGenericType());
            }
        }
    }

    @Test
    void onlyTheSparkPackageNamesSparkTypes() throws Exception {
        List<String> spark = new ArrayList<>();
        for (Class<?> type : mainClasses()) {
            if (isApi(type)) {
                List<String> named = new ArrayList<>();
                forEachSignatureType(type, (where, t) -> checkSpark(t, where, named));
                if (type.getPackageName().equals(SPARK_PACKAGE)) {
                    spark.addAll(named);
                } else {
                    assertEquals(List.of(), named, type.getName() + " names Spark, which is optional");
                }
            }
        }
        assertTrue(spark.stream().anyMatch(s -> s.contains("org.apache.spark.sql.Dataset")), spark.toString());
    }

    private static void checkSpark(Type t, String where, List<String> named) {
        List<String> all = new ArrayList<>();
        collect(t, all);
        for (String name : all) {
            if (name.startsWith("org.apache.spark.") || name.startsWith("scala.")) {
                named.add(where + " " + name);
            }
        }
    }

    /** The names of every class in {@code t}, its type arguments and bounds included. */
    private static void collect(Type t, List<String> names) {
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            names.add(c.getName());
        } else if (t instanceof ParameterizedType p) {
            collect(p.getRawType(), names);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, names);
            }
        } else if (t instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).forEach(b -> collect(b, names));
        } else if (t instanceof java.lang.reflect.GenericArrayType g) {
            collect(g.getGenericComponentType(), names);
        }
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
