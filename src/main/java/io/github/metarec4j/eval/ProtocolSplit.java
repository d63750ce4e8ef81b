package io.github.metarec4j.eval;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.internal.util.Checks;

import java.util.List;
import java.util.Optional;

/**
 * A data set cut by a cold-start protocol ({@link ColdStartProtocol}, or
 * {@link ImplicitColdStartProtocol} for implicit feedback): the training data (everything any
 * method may fit on) and the scenarios to score, with the ranking rule their metrics use.
 *
 * <p>Immutable; thread-safe.
 */
public final class ProtocolSplit {

    private final Dataset data;
    private final Dataset training;
    private final List<Scenario> scenarios;
    private final IdKey idKey;

    ProtocolSplit(Dataset data, Dataset training, List<Scenario> scenarios, IdKey idKey) {
        this.data = data;
        this.training = training;
        this.scenarios = List.copyOf(scenarios);
        this.idKey = idKey;
    }

    /** The whole data set that was split. */
    public Dataset data() {
        return data;
    }

    /**
     * The training data: the same features and schemas as {@link #data()} (side information
     * of every user and item, new ones included), with only the training interactions.
     */
    public Dataset training() {
        return training;
    }

    /**
     * The scenarios, in the protocol's order: CS100K's warm, new-user K = 5, 10, 20, new-item,
     * new-user-new-item; CS-LFM's new-user K = 5, 10, 20.
     */
    public List<Scenario> scenarios() {
        return scenarios;
    }

    /** The scenario called {@code name}, if there is one. */
    public Optional<Scenario> scenario(String name) {
        Checks.notNull(name, "name");
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** How ids were keyed. */
    public IdKey idKey() {
        return idKey;
    }

    /** The ranking rule of the metrics: score descending, ties by the hash of the item key. */
    public Ranking ranking() {
        return Ranking.of(idKey);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ProtocolSplit[training ").append(training.interactions().size())
                .append(" interactions of ").append(training.interactions().users().size()).append(" users");
        for (Scenario sc : scenarios) {
            s.append("; ").append(sc.name()).append(' ').append(sc.users().size()).append(" users/")
                    .append(sc.queryCount());
        }
        return s.append(']').toString();
    }
}
