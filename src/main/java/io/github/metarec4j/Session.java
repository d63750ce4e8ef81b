package io.github.metarec4j;

import io.github.metarec4j.MetaRecommender.UserSession;
import io.github.metarec4j.data.DuplicatePolicy;
import io.github.metarec4j.data.FeedbackType;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Crc32Trailer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link UserSession} of a {@link MetaRecommender}: the encoded features, the window of
 * events and the user adapted on its feedback. Immutable; thread-safe.
 */
final class Session implements UserSession {

    private static final int MAGIC = 0x4D525553; // "MRUS"
    private static final int FORMAT = 1;
    private static final String TYPE = "UserSession";
    private static final String REMEDY = "start the session again";
    /** The user id of the interactions adapted on; never shown or stored. */
    private static final String USER = "session";

    private final MetaRecommender recommender;
    private final float[] userInput;
    private final int window;
    private final List<Event> events;
    private final UserModel user;

    /** Adapts on the feedback of {@code events}: throws, and makes no session, if that fails. */
    private Session(MetaRecommender recommender, float[] userInput, int window, List<Event> events) {
        this.recommender = recommender;
        this.userInput = userInput;
        this.window = window;
        this.events = Collections.unmodifiableList(events);
        this.user = recommender.adapt(userInput, support(), DuplicatePolicy.REJECT);
    }

    /** The window's feedback, as the interactions adapted on. */
    private List<Interaction> support() {
        List<Interaction> support = new ArrayList<>(events.size());
        for (Event e : events) {
            if (e.kind() == Kind.FEEDBACK) {
                support.add(Interaction.of(USER, e.itemId(), e.value()));
            }
        }
        return support;
    }

    static Session start(MetaRecommender recommender, float[] userInput, int window) {
        return new Session(recommender, userInput, window, new ArrayList<>());
    }

    @Override
    public UserSession record(String itemId, double value) {
        Checks.notNull(itemId, "itemId");
        Checks.argument(Double.isFinite(value), "the value recorded for item '" + Checks.shown(itemId) + "' is " + value
                + ", not a finite number; pass a rating on the model's scale (or a positive strength for implicit "
                + "feedback)");
        return with(new Event(itemId, Kind.FEEDBACK, value));
    }

    @Override
    public UserSession click(String itemId) {
        Checks.argument(recommender.feedbackType() == FeedbackType.IMPLICIT, "a click is implicit feedback, and "
                + "this model learned from ratings: record(\"" + Checks.shown(itemId) + "\", rating) the user's rating, "
                + "or skip(\"" + Checks.shown(itemId) + "\") an item they passed over");
        return record(itemId, 1);
    }

    @Override
    public UserSession skip(String itemId) {
        Checks.notNull(itemId, "itemId");
        recommender.checkKnown(itemId);
        return with(new Event(itemId, Kind.SKIP, 0));
    }

    /** A new session: {@code event} replaces any earlier event of its item, the oldest beyond the window dropped. */
    private Session with(Event event) {
        List<Event> next = new ArrayList<>(events.size() + 1);
        for (Event e : events) {
            if (!e.itemId().equals(event.itemId())) {
                next.add(e);
            }
        }
        next.add(event);
        trim(next, Kind.FEEDBACK);
        trim(next, Kind.SKIP);
        return new Session(recommender, userInput, window, next);
    }

    private void trim(List<Event> list, Kind kind) {
        int excess = (int) list.stream().filter(e -> e.kind() == kind).count() - window;
        for (int i = 0; i < list.size() && excess > 0; ) {
            if (list.get(i).kind() == kind) {
                list.remove(i);
                excess--;
            } else {
                i++;
            }
        }
    }

    @Override
    public List<Recommendation> recommend(int k) {
        return recommend(RecommendRequest.of(k));
    }

    @Override
    public List<Recommendation> recommend(RecommendRequest request) {
        Set<String> skipped = new LinkedHashSet<>();
        for (Event e : events) {
            if (e.kind() == Kind.SKIP) {
                skipped.add(e.itemId());
            }
        }
        return recommender.recommend(user, request, skipped);
    }

    @Override
    public double predict(String itemId) {
        return recommender.predict(user, itemId);
    }

    @Override
    public MetaRecommender.Explanation explain(String itemId) {
        return recommender.explain(userInput, support(), itemId);
    }

    @Override
    public UserModel user() {
        return user;
    }

    @Override
    public List<Event> events() {
        return events;
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public byte[] toBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(recommender.modelId());
            out.writeInt(window);
            ValueBytes.writeFloats(out, userInput);
            out.writeInt(events.size());
            for (Event e : events) {
                out.writeByte(e.kind().ordinal());
                out.writeUTF(e.itemId());
                out.writeDouble(e.value());
            }
            out.flush();
            return Crc32Trailer.append(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@link #toBytes()}, checking every field, and adapts on the window again. */
    static Session resume(MetaRecommender recommender, byte[] bytes) {
        ValueBytes.checkFrame(bytes, MAGIC, TYPE, Set.of(FORMAT), "format " + FORMAT, REMEDY);
        int body = bytes.length - Crc32Trailer.LENGTH;
        String modelId;
        int window;
        float[] userInput;
        List<Event> events = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, ValueBytes.HEADER,
                body - ValueBytes.HEADER))) {
            modelId = in.readUTF();
            Checks.argument(modelId.equals(recommender.modelId()), "this UserSession was started with another model ("
                    + modelId + ", this one is " + recommender.modelId() + "); start the session again with this "
                    + "recommender, or resume it with the model that started it");
            window = in.readInt();
            Checks.argument(window > 0, "a UserSession's window is damaged: " + window + "; " + REMEDY);
            userInput = ValueBytes.readFloats(in, TYPE, "encoded feature", REMEDY);
            int n = in.readInt();
            Checks.argument(n >= 0 && n <= 2 * window && n <= in.available() / 11, "a UserSession's count of events "
                    + "is damaged: " + n + "; " + REMEDY);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < n; i++) {
                int kind = in.readByte();
                Checks.argument(kind >= 0 && kind < Kind.values().length, "a UserSession's event " + i + " has an "
                        + "unknown kind " + kind + "; " + REMEDY);
                String item = in.readUTF();
                double value = in.readDouble();
                Checks.argument(Double.isFinite(value), "this UserSession's event " + i + " (item '"
                        + Checks.shown(item) + "') has value " + value + ", not a finite number; " + REMEDY);
                Checks.argument(seen.add(item), "this UserSession holds item '" + Checks.shown(item) + "' twice; "
                        + REMEDY);
                events.add(new Event(item, Kind.values()[kind], value));
            }
            Checks.argument(in.available() == 0, "a UserSession has trailing bytes; the data is damaged");
        } catch (IOException e) {
            throw new IllegalArgumentException("these bytes are a damaged UserSession (they end before its last "
                    + "field); pass what UserSession.toBytes() produced, or " + REMEDY, e);
        }
        Checks.argument(userInput.length == recommender.model().userEncoder().dimension(), "this UserSession has "
                + userInput.length + " encoded features, but this model uses "
                + recommender.model().userEncoder().dimension() + "; " + REMEDY);
        for (Event e : events) {
            if (e.kind() == Kind.SKIP) {
                recommender.checkKnown(e.itemId());
            }
        }
        return new Session(recommender, userInput, window, events);
    }

    @Override
    public String toString() {
        return "UserSession[" + events.size() + " events, window " + window + ", " + user + "]";
    }
}
