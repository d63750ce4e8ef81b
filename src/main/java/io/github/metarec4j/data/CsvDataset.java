package io.github.metarec4j.data;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Decimals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads a {@link Dataset} from delimited text files: a ratings file and, optionally, a
 * file of user attributes and one of item attributes.
 *
 * <pre>{@code
 * Dataset data = CsvDataset.builder()
 *         .ratings(Path.of("ratings.csv"))        // user,item,value[,timestamp]
 *         .ratingScale(new RatingScale(1, 5))     // or .implicitFeedback()
 *         .itemAttributes(Path.of("items.csv"),   // id,title,genres  (header line required)
 *                 FeatureSchema.builder().categorical("title").multiCategorical("genres").build())
 *         .read();
 * }</pre>
 *
 * <p>The ratings file has three or four columns: user id, item id, value (a rating, or
 * the strength of an implicit signal) and optionally a timestamp, a whole number (0
 * when absent or empty). Its first line is a header and is skipped unless
 * {@link Builder#header(boolean) header(false)}.
 *
 * <p>An attribute file starts with a header line: the first column holds the id (its name
 * is free), every other column is named after a field of the schema, and every field of
 * the schema must have a column. An empty cell leaves the field out (unknown); a
 * multi-valued cell lists its values separated by {@link Builder#multiValueSeparator(char)}
 * ({@code Action|Comedy}); a numeric cell must be a number.
 *
 * <p>In every file cells are trimmed, empty lines are skipped, and a cell may be
 * double-quoted to hold the delimiter ({@code "Heat, Part 2"}; {@code ""} inside quotes
 * is a quote). Files are read as UTF-8 unless {@link Builder#charset(Charset)} says
 * otherwise. A malformed line fails with a {@link DataFormatException} naming the file,
 * line and column; the result is then checked by {@link Dataset.Builder#build()}.
 *
 * <p>Stateless and thread-safe; its {@link Builder} is not thread-safe.
 */
public final class CsvDataset {

    private CsvDataset() {
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** What to read and how; not thread-safe. */
    public static final class Builder {
        private Path ratings;
        private char delimiter = ',';
        private boolean header = true;
        private RatingScale ratingScale;
        private boolean implicit;
        private Path userFile;
        private FeatureSchema userSchema = FeatureSchema.empty();
        private Path itemFile;
        private FeatureSchema itemSchema = FeatureSchema.empty();
        private char multiValueSeparator = '|';
        private Charset charset = StandardCharsets.UTF_8;
        private DuplicatePolicy duplicates = DuplicatePolicy.REJECT;

        private Builder() {
        }

        /**
         * What to do with several lines of one user and one item (default
         * {@link DuplicatePolicy#REJECT}: reading fails, naming both lines).
         */
        public Builder duplicates(DuplicatePolicy policy) {
            this.duplicates = Checks.notNull(policy, "duplicate policy");
            return this;
        }

        /** The ratings file (required): {@code user,item,value[,timestamp]} per line. */
        public Builder ratings(Path file) {
            this.ratings = Checks.notNull(file, "ratings file");
            return this;
        }

        /** The character between cells in every file (default {@code ','}); not a quote or line break. */
        public Builder delimiter(char delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        /** Whether the ratings file starts with a header line to skip (default true). Attribute files always have one. */
        public Builder header(boolean hasHeader) {
            this.header = hasHeader;
            return this;
        }

        /** The values are explicit ratings on {@code scale}. */
        public Builder ratingScale(RatingScale scale) {
            this.ratingScale = Checks.notNull(scale, "ratingScale");
            this.implicit = false;
            return this;
        }

        /** The values are implicit feedback (positive strengths, usually 1). */
        public Builder implicitFeedback() {
            this.ratingScale = null;
            this.implicit = true;
            return this;
        }

        /** A file of user attributes, with a header line, whose columns are the fields of {@code schema}. */
        public Builder userAttributes(Path file, FeatureSchema schema) {
            this.userFile = Checks.notNull(file, "user attributes file");
            this.userSchema = Checks.notNull(schema, "user schema");
            return this;
        }

        /** A file of item attributes, with a header line, whose columns are the fields of {@code schema}. */
        public Builder itemAttributes(Path file, FeatureSchema schema) {
            this.itemFile = Checks.notNull(file, "item attributes file");
            this.itemSchema = Checks.notNull(schema, "item schema");
            return this;
        }

        /** The character between the values of a multi-valued cell (default {@code '|'}). */
        public Builder multiValueSeparator(char separator) {
            this.multiValueSeparator = separator;
            return this;
        }

        /** The encoding of every file (default UTF-8). */
        public Builder charset(Charset charset) {
            this.charset = Checks.notNull(charset, "charset");
            return this;
        }

        /**
         * Reads the files and builds the dataset.
         *
         * @throws IllegalArgumentException if the builder is incomplete, a file does not
         *                                  exist, or the dataset fails the checks of
         *                                  {@link Dataset.Builder#build()} (the message then
         *                                  names the files read)
         * @throws DataFormatException      if a file is malformed
         * @throws java.io.UncheckedIOException if a file cannot be read
         */
        public Dataset read() {
            Checks.argument(ratings != null, "no ratings file: call ratings(path) with the file of "
                    + "user,item,value[,timestamp] lines");
            Checks.argument(ratingScale != null || implicit, "say what the values in " + ratings.getFileName()
                    + " are: call ratingScale(new RatingScale(min, max)) for explicit ratings, or implicitFeedback()");
            Checks.argument(multiValueSeparator != delimiter, "the multi-value separator and the delimiter are both '"
                    + delimiter + "'; a multi-valued cell would split into columns: choose different characters");
            DelimitedText format = new DelimitedText(delimiter, true, charset);
            DelimitedText.requireFile(ratings, "ratings file", "");
            if (userFile != null) {
                DelimitedText.requireFile(userFile, "user attributes file", "");
            }
            if (itemFile != null) {
                DelimitedText.requireFile(itemFile, "item attributes file", "");
            }

            Dataset.Builder b = Dataset.builder().userSchema(userSchema).itemSchema(itemSchema).duplicates(duplicates);
            if (implicit) {
                b.implicitFeedback();
            } else {
                b.ratings(ratingScale);
            }
            if (userFile != null) {
                readAttributes(format, multiValueSeparator, userFile, userSchema, "user", b::addUser);
            }
            if (itemFile != null) {
                readAttributes(format, multiValueSeparator, itemFile, itemSchema, "item", b::addItem);
            }
            readRatings(format, b);
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                // the dataset's own checks speak of ids; say which files they came from
                throw new IllegalArgumentException("checking the data read from " + fileNames() + ": "
                        + e.getMessage(), e);
            }
        }

        private void readRatings(DelimitedText format, Dataset.Builder b) {
            String valueName = implicit ? "value" : "rating";
            String layout = "user, item, " + valueName + "[, timestamp]";
            InteractionLines lines = new InteractionLines(ratings);
            format.forEachRow(ratings, row -> {
                if (header && row.ordinal() == 0) {
                    // skipping a data line would lose a rating without a word: a header names its columns
                    if (row.size() >= 3 && isNumber(row.cell(2))) {
                        throw row.lineError("this looks like data, not a header (its third cell, '" + Checks.shown(row.cell(2))
                                + "', is a number); expected a header line such as 'user,item," + valueName
                                + "', or call header(false) if the file has none");
                    }
                    return;
                }
                if (row.size() != 3 && row.size() != 4) {
                    throw row.wrongWidth("3 or 4 (" + layout + ")");
                }
                String user = row.id(0, "user id");
                String item = row.id(1, "item id");
                double value = row.number(2, valueName);
                String problem = Dataset.Builder.valueProblem(implicit ? FeedbackType.IMPLICIT : FeedbackType.EXPLICIT,
                        ratingScale, value, "");
                if (problem != null) {
                    throw row.error(2, valueName, problem);
                }
                for (int c = 0; c < 2; c++) {
                    String missing = b.missingFeatures(c == 0 ? "user" : "item", c == 0 ? user : item);
                    if (missing != null) {
                        throw row.error(c, c == 0 ? "user id" : "item id", missing);
                    }
                }
                long time = row.size() == 4 && !row.cell(3).isEmpty() ? row.integer(3, "timestamp") : 0L;
                b.addInteraction(user, item, value, time);
                lines.added(row.line());
            });
            lines.checkRepeats(b);
        }

        private static boolean isNumber(String cell) {
            return Decimals.parse(cell).isPresent();
        }

        private String fileNames() {
            StringJoiner names = new StringJoiner(", ");
            for (Path p : new Path[]{ratings, userFile, itemFile}) {
                if (p != null) {
                    names.add(String.valueOf(p.getFileName()));
                }
            }
            return names.toString();
        }
    }

    /**
     * Reads one attribute file, a header naming the schema's fields and then one row per
     * entity, into {@code add}.
     */
    private static void readAttributes(DelimitedText format, char multiValueSeparator, Path file,
                                       FeatureSchema schema, String entity, BiConsumer<String, Features> add) {
        Pattern separator = Pattern.compile(Pattern.quote(String.valueOf(multiValueSeparator)));
        List<FeatureSchema.Field> columns = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        int rows = format.forEachRow(file, row -> {
            if (row.ordinal() == 0) {
                columns.addAll(header(row, schema, entity));
                return;
            }
            row.requireColumns(columns.size() + 1, layout(entity, columns));
            String id = row.id(0, entity + " id");
            Integer seen = firstLine.putIfAbsent(id, row.line());
            if (seen != null) {
                throw row.error(0, entity + " id", entity + " '" + Checks.shown(id) + "' appears again (first on line "
                        + seen + "); expected one row per " + entity);
            }
            Features.Builder features = Features.builder();
            for (int c = 1; c <= columns.size(); c++) {
                String cell = row.cell(c);
                if (cell.isEmpty()) {
                    continue; // an empty cell means "unknown": the field is left out
                }
                FeatureSchema.Field field = columns.get(c - 1);
                switch (field.type()) {
                    case CATEGORICAL -> features.put(field.name(), cell);
                    case NUMERIC -> features.put(field.name(), row.number(c, field.name()));
                    case MULTI_CATEGORICAL -> {
                        List<String> values = new ArrayList<>();
                        for (String v : separator.split(cell)) {
                            if (!v.isBlank()) {
                                values.add(v.trim());
                            }
                        }
                        if (!values.isEmpty()) {
                            features.put(field.name(), values);
                        }
                    }
                }
            }
            add.accept(id, features.build());
        });
        Checks.argument(rows > 0, entity + " attributes file " + file.toAbsolutePath().normalize()
                + " is empty; expected a header line (" + layout(entity, schema.fields()) + ") and one row per "
                + entity);
    }

    /** The field of each column after the id, checked against the schema. */
    private static List<FeatureSchema.Field> header(DelimitedText.Row row, FeatureSchema schema, String entity) {
        List<FeatureSchema.Field> fields = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (int c = 1; c < row.size(); c++) {
            String name = row.cell(c);
            Optional<FeatureSchema.Field> field = schema.field(name);
            if (field.isEmpty()) {
                throw row.error(c, "", "column '" + Checks.shown(name) + "' is not a field of the " + entity + " schema "
                        + fieldNames(schema) + "; declare it in the schema or remove the column");
            }
            if (!named.add(name)) {
                throw row.error(c, "", "column '" + Checks.shown(name) + "' appears twice; expected each field once");
            }
            fields.add(field.get());
        }
        for (FeatureSchema.Field f : schema.fields()) {
            if (!named.contains(f.name())) {
                throw row.lineError("the header has no column for the " + entity + " schema field '" + f.name()
                        + "'; expected the id column, then every field: " + layout(entity, schema.fields()));
            }
        }
        return fields;
    }

    private static String layout(String entity, List<FeatureSchema.Field> fields) {
        StringJoiner j = new StringJoiner(", ");
        j.add(entity + " id");
        fields.forEach(f -> j.add(f.name()));
        return j.toString();
    }

    private static String fieldNames(FeatureSchema schema) {
        return schema.fields().stream().map(FeatureSchema.Field::name).toList().toString();
    }
}
