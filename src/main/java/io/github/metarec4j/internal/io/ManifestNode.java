package io.github.metarec4j.internal.io;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A node of a parsed manifest together with its path from the root ({@code
 * "training.innerSteps"}), with typed getters that fail with {@link Invalid} naming that
 * path and what was expected: a hand-edited or badly written manifest is reported as
 * "{@code manifest field catalogue.items[3].idRow is missing}", never as a Jackson stack trace.
 *
 * <p>Also the one place that maps doubles to JSON and back, because JSON has no NaN or
 * infinity: those are written as the strings {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"}; finite doubles as numbers (Jackson prints the shortest decimal that
 * parses back to the same double, so every double round-trips exactly).
 *
 * <p>Immutable; thread-safe as long as nobody modifies the underlying tree.
 */
final class ManifestNode {

    /** The manifest is well-formed JSON but does not describe a valid model; the message names the field. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private static final String NAN = "NaN";
    private static final String INFINITY = "Infinity";
    private static final String MINUS_INFINITY = "-Infinity";

    private final JsonNode node;
    private final String path;

    private ManifestNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The root of a manifest, which must be a JSON object. */
    static ManifestNode root(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new Invalid("the manifest is not a JSON object");
        }
        return new ManifestNode(node, "");
    }

    /** Writes {@code value} into {@code into} under {@code field}: a number, or a string for NaN and infinities. */
    static void putDouble(ObjectNode into, String field, double value) {
        if (Double.isNaN(value)) {
            into.put(field, NAN);
        } else if (Double.isInfinite(value)) {
            into.put(field, value > 0 ? INFINITY : MINUS_INFINITY);
        } else {
            into.put(field, value);
        }
    }

    /** Whether {@code field} is present and not JSON null. */
    boolean has(String field) {
        JsonNode child = node.get(field);
        return child != null && !child.isNull();
    }

    /** The object under {@code field}. */
    ManifestNode object(String field) {
        JsonNode child = required(field);
        if (!child.isObject()) {
            throw wrongType(field, "an object", child);
        }
        return new ManifestNode(child, childPath(field));
    }

    /** The elements of the array under {@code field}. */
    List<ManifestNode> array(String field) {
        JsonNode child = required(field);
        if (!child.isArray()) {
            throw wrongType(field, "an array", child);
        }
        List<ManifestNode> out = new ArrayList<>(child.size());
        for (int i = 0; i < child.size(); i++) {
            out.add(new ManifestNode(child.get(i), childPath(field) + "[" + i + "]"));
        }
        return out;
    }

    /** The field names of this object, in file order. */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The raw JSON value under {@code field} (which must be present), for values of several possible types. */
    JsonNode value(String field) {
        return required(field);
    }

    /** The path of {@code field} below this node, for messages: {@code "manifest field training.innerSteps"}. */
    String where(String field) {
        return "manifest field " + childPath(field);
    }

    private String childPath(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** The string under {@code field}. */
    String text(String field) {
        JsonNode child = required(field);
        if (!child.isTextual()) {
            throw wrongType(field, "a string", child);
        }
        return child.textValue();
    }

    /** The string under {@code field}, or null where the field is JSON null or absent. */
    String textOrNull(String field) {
        return has(field) ? text(field) : null;
    }

    /** The boolean under {@code field}. */
    boolean bool(String field) {
        JsonNode child = required(field);
        if (!child.isBoolean()) {
            throw wrongType(field, "true or false", child);
        }
        return child.booleanValue();
    }

    /** The int under {@code field}. */
    int integer(String field) {
        JsonNode child = required(field);
        if (!child.isIntegralNumber() || !child.canConvertToInt()) {
            throw wrongType(field, "a whole number in the int range", child);
        }
        return child.intValue();
    }

    /** The long under {@code field}. */
    long longInteger(String field) {
        JsonNode child = required(field);
        if (!child.isIntegralNumber() || !child.canConvertToLong()) {
            throw wrongType(field, "a whole number in the long range", child);
        }
        return child.longValue();
    }

    /** The double under {@code field}: a number, or one of the strings written for NaN and the infinities. */
    double number(String field) {
        JsonNode child = required(field);
        if (child.isNumber()) {
            return child.doubleValue();
        }
        if (child.isTextual()) {
            switch (child.textValue()) {
                case NAN:
                    return Double.NaN;
                case INFINITY:
                    return Double.POSITIVE_INFINITY;
                case MINUS_INFINITY:
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw wrongType(field, "a number (or \"NaN\", \"Infinity\", \"-Infinity\")", child);
    }

    /** The constant of {@code type} named by the string under {@code field}. */
    <E extends Enum<E>> E constant(String field, Class<E> type) {
        String name = text(field);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new Invalid(where(field) + " is \"" + name + "\", which is not one of "
                + Arrays.toString(type.getEnumConstants()));
    }

    /** The strings of the array under {@code field}. */
    List<String> texts(String field) {
        return elements(field, JsonNode::isTextual, "a string").stream().map(JsonNode::textValue).toList();
    }

    /** The ints of the array under {@code field}. */
    List<Integer> integers(String field) {
        return elements(field, n -> n.isIntegralNumber() && n.canConvertToInt(), "a whole number in the int range")
                .stream().map(JsonNode::intValue).toList();
    }

    private List<JsonNode> elements(String field, Predicate<JsonNode> valid, String expected) {
        List<JsonNode> out = new ArrayList<>();
        for (ManifestNode element : array(field)) {
            if (!valid.test(element.node)) {
                throw new Invalid("manifest field " + element.path + " must be " + expected + ", got "
                        + describe(element.node));
            }
            out.add(element.node);
        }
        return out;
    }

    private JsonNode required(String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            throw new Invalid(where(field) + " is missing");
        }
        return child;
    }

    private Invalid wrongType(String field, String expected, JsonNode got) {
        return new Invalid(where(field) + " must be " + expected + ", got " + describe(got));
    }

    /** A short rendering of a JSON value for messages (long values are cut). */
    private static String describe(JsonNode value) {
        String s = value.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
