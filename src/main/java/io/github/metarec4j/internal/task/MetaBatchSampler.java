package io.github.metarec4j.internal.task;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Permutations;
import io.github.metarec4j.internal.util.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deals the tasks of one epoch: users in a fresh random order, each split afresh, grouped
 * into meta-batches. Users whose history is too short for the splitter are skipped.
 *
 * <p>Immutable; thread-safe. The same seed and epoch give the same batches.
 */
public final class MetaBatchSampler {

    private final List<UserHistory> users;
    private final TaskSplitter splitter;
    private final int batchSize;
    private final long seed;

    /**
     * @param users     the training users
     * @param splitter  how each user is cut into support and query
     * @param batchSize tasks per meta-batch (the last batch of an epoch may be smaller)
     * @param seed      seeds every epoch's order and splits
     */
    public MetaBatchSampler(List<UserHistory> users, TaskSplitter splitter, int batchSize, long seed) {
        this.users = List.copyOf(Checks.notEmpty(users, "users", "meta-training needs at least one user"));
        this.splitter = Checks.notNull(splitter, "splitter");
        this.batchSize = Checks.positive(batchSize, "batchSize");
        this.seed = seed;
    }

    /** The meta-batches of epoch {@code epoch} (1-based). */
    public List<List<Task>> epoch(int epoch) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, epoch));
        int[] order = Permutations.of(users.size(), random);
        List<List<Task>> batches = new ArrayList<>();
        List<Task> batch = new ArrayList<>(batchSize);
        for (int i : order) {
            splitter.split(users.get(i), random).ifPresent(batch::add);
            if (batch.size() == batchSize) {
                batches.add(List.copyOf(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(List.copyOf(batch));
        }
        return batches;
    }

    /** Number of users. */
    public int userCount() {
        return users.size();
    }
}
